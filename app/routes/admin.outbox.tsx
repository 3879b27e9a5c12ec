import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { prisma } from "~/utils/db.server";
import { pageCount, pageFrom, pageOfPagesText } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";
import { utcDateTime } from "~/utils/long-date";

export const meta: MetaFunction = () => [{ title: "Outbox · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "view:outbox");
  const { page, skip, take } = pageFrom(request);
  const [messages, total] = await Promise.all([
    prisma.outboxMessage.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip,
      take,
      select: { id: true, toEmail: true, toName: true, subject: true, body: true, transport: true, sentAt: true, error: true, createdAt: true },
    }),
    prisma.outboxMessage.count(),
  ]);
  return json({ messages, total, page, pages: pageCount(total) });
}


const TRANSPORT_LABELS: Record<string, string> = { outbox: "Outbox only", smtp: "SMTP" };

function Delivery({ transport, sentAt, error }: { transport: string; sentAt: string | null; error: string | null }) {
  if (error) return <span className="form-error">Not sent: {error}</span>;
  // Without SMTP a message is only filed here: "sent" would tell the administrator it reached someone.
  if (transport === "outbox") return <span>Kept here {sentAt ? utcDateTime(sentAt) : ""}, not emailed</span>;
  if (sentAt) return <span className="tag">Sent {utcDateTime(sentAt)}</span>;
  return <span>Not sent yet</span>;
}

export default function AdminOutbox() {
  const { messages, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Outbox</h1>
      <p className="lead">
        Every email PeerPath sends, newest first: renewal reminders, the board's decisions on applications, and live-session notices. Without an SMTP server configured (SMTP_URL), messages stay
        here and nothing leaves this machine; with one, this page shows whether each was sent.
      </p>

      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        <p>
          {total} {total === 1 ? "message" : "messages"}
        </p>
        <ScrollingTable caption={<>Messages, newest first{pageOfPagesText(page, pages)}</>}>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Subject and message</th>
              <th scope="col">Created</th>
              <th scope="col">Transport</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {messages.length ? (
              messages.map((message) => (
                <tr key={message.id}>
                  <td>
                    {message.toName}
                    <br />
                    <span className="hint">{message.toEmail}</span>
                  </td>
                  <td>
                    <details>
                      <summary>{message.subject}</summary>
                      <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", margin: "0.5rem 0 0" }}>{message.body}</pre>
                    </details>
                  </td>
                  <td>
                    <time dateTime={message.createdAt}>{utcDateTime(message.createdAt)}</time>
                  </td>
                  <td>{TRANSPORT_LABELS[message.transport] ?? message.transport}</td>
                  <td>
                    <Delivery transport={message.transport} sentAt={message.sentAt} error={message.error} />
                  </td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={5}>
                  <EmptyListText page={page} total={total}>
                    No messages yet.
                  </EmptyListText>
                </td>
              </tr>
            )}
          </tbody>
        </ScrollingTable>
        <Pager page={page} pages={pages} label="Outbox pages" />
      </section>
    </>
  );
}
