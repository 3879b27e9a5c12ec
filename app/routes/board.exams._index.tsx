import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollingTable } from "~/components/scrolling-table";
import stylesheet from "~/styles/exam-board.css";
import { prisma } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Board exams · PeerPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:exams:own-jurisdiction");
  const isAdmin = user.grants.some((grant) => grant.role === "ADMIN");
  const own = user.grants.flatMap((grant) => (grant.role === "BOARD_MEMBER" && grant.jurisdictionId ? [grant.jurisdictionId] : []));
  const exams = await prisma.exam.findMany({
    where: isAdmin ? {} : { jurisdictionId: { in: own } },
    select: {
      id: true,
      name: true,
      code: true,
      published: true,
      jurisdiction: { select: { name: true } },
      _count: { select: { items: true } },
    },
    orderBy: [{ jurisdiction: { name: "asc" } }, { name: "asc" }],
  });
  const examIds = exams.map((exam) => exam.id);
  const [live, submitted] = await Promise.all([
    prisma.examItem.groupBy({ by: ["examId"], where: { examId: { in: examIds }, versions: { some: { status: "LIVE" } } }, _count: { _all: true } }),
    prisma.examAttempt.groupBy({ by: ["examId"], where: { examId: { in: examIds }, status: "SUBMITTED" }, _count: { _all: true } }),
  ]);
  const liveBy = new Map(live.map((row) => [row.examId, row._count._all]));
  const submittedBy = new Map(submitted.map((row) => [row.examId, row._count._all]));
  return json({
    exams: exams.map((exam) => ({
      id: exam.id,
      name: exam.name,
      code: exam.code,
      published: exam.published,
      jurisdiction: exam.jurisdiction.name,
      items: exam._count.items,
      liveItems: liveBy.get(exam.id) ?? 0,
      submitted: submittedBy.get(exam.id) ?? 0,
    })),
  });
}

export default function BoardExams() {
  const { exams } = useLoaderData<typeof loader>();
  return (
    <div className="exam-board">
      <h1>Exams</h1>
      <p>
        Your board&apos;s certification exams: the rules of each (blueprint, time, pass mark, attempts), its item bank with every
        version of every item, and how the items perform.
      </p>
      {exams.length ? (
        <ScrollingTable caption="Exams of your jurisdiction">
          <thead>
            <tr>
              <th scope="col">Exam</th>
              <th scope="col">Jurisdiction</th>
              <th scope="col">Candidates can sit it</th>
              <th scope="col" className="numeric">
                Items
              </th>
              <th scope="col" className="numeric">
                Live items
              </th>
              <th scope="col" className="numeric">
                Submitted attempts
              </th>
              <th scope="col">More</th>
            </tr>
          </thead>
          <tbody>
            {exams.map((exam) => (
              <tr key={exam.id}>
                <th scope="row">
                  <Link to={`/board/exams/${exam.id}`}>{exam.name}</Link>
                </th>
                <td>{exam.jurisdiction}</td>
                <td>{exam.published ? "Yes (published)" : "No (not published)"}</td>
                <td className="numeric">{exam.items}</td>
                <td className="numeric">{exam.liveItems}</td>
                <td className="numeric">{exam.submitted}</td>
                <td>
                  <Link to={`/board/exams/${exam.id}/items`} aria-label={`Item bank of ${exam.name}`}>
                    Item bank
                  </Link>
                  {" · "}
                  <Link to={`/board/exams/${exam.id}/report`} aria-label={`Report on ${exam.name}`}>
                    Report
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      ) : (
        <p>Your jurisdiction has no exam yet.</p>
      )}
    </div>
  );
}
