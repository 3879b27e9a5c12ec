import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CredentialTypeCards } from "~/components/credential-types";
import { homePath } from "~/domain/roles";
import { currentUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "PeerPath · Peer recovery specialist training and certification" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [{ user }, credentialTypes] = await Promise.all([
    currentUser(request),
    prisma.credentialType.findMany({
      select: { id: true, name: true, summary: true, jurisdiction: { select: { name: true } } },
      orderBy: [{ jurisdiction: { name: "asc" } }, { name: "asc" }],
    }),
  ]);
  return json({ home: user ? homePath(user.grants) : null, credentialTypes });
}

export default function Index() {
  const { home, credentialTypes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Training and certification for peer recovery specialists</h1>
      <p className="lead">
        PeerPath keeps a peer recovery specialist&apos;s whole path in one place: the course, every training and
        supervised hour counted toward each jurisdiction&apos;s rules, the certification exam, and the credential
        that anyone can verify.
      </p>
      {home ? (
        <p>
          <Link className="button" to={home}>
            Go to your home page
          </Link>
        </p>
      ) : (
        <p className="actions">
          <Link className="button" to="/signup">
            Sign up as a trainee
          </Link>
          <Link to="/login">Sign in</Link>
        </p>
      )}
      <h2>Credentials you can train for</h2>
      <CredentialTypeCards credentialTypes={credentialTypes} />
    </>
  );
}
