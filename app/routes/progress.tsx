import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/forms";
import { VerdictTable } from "~/components/verdict-table";
import { RequirementSummary } from "~/components/requirement-summary";
import { SubmitButton } from "~/components/submit-button";
import type { Requirement } from "~/domain/requirements";
import { recordAudit } from "~/models/audit.server";
import { progressPage } from "~/models/progress-page.server";
import { readForm } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "My progress · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:progress:own");
  // The panels follow the list of choices (jurisdiction, then credential); the chosen ones are the
  // goals. Stored verdicts while the trainee's data is unchanged (models/progress-page.server.ts).
  const { options, standings } = await progressPage(user);
  return json({
    options,
    standings: standings.map((standing) => ({
      ...standing,
      verdict: { ...standing.verdict },
    })),
  });
}

const GoalsSchema = z.array(z.string().min(1).max(40)).max(50);

/** Sets the credentials the trainee works toward. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "view:progress:own");
  const formData = await readForm(request);
  const chosen = GoalsSchema.safeParse(formData.getAll("credentialTypeId"));
  if (!chosen.success) throw new Response("Choose credentials from the list.", { status: 400 });
  const known = await prisma.credentialType.findMany({ where: { id: { in: chosen.data } }, select: { id: true } });
  if (known.length !== new Set(chosen.data).size) throw new Response("Choose credentials from the list.", { status: 400 });
  await prisma.$transaction(async (db) => {
    await db.traineeGoal.deleteMany({ where: { traineeId: user.id, credentialTypeId: { notIn: chosen.data } } });
    for (const credentialTypeId of chosen.data) {
      await db.traineeGoal.upsert({
        where: { traineeId_credentialTypeId: { traineeId: user.id, credentialTypeId } },
        create: { traineeId: user.id, credentialTypeId },
        update: {},
      });
    }
    await recordAudit(db, { actorId: user.id, action: "goals.set", subjectType: "User", subjectId: user.id, details: { credentialTypeIds: chosen.data } });
  });
  return redirect("/progress?updated=1");
}

export default function Progress() {
  const { options, standings } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <h1>My progress</h1>
      <p>
        Your approved hours from every source, checked against the rules of each credential you work toward. One hour can
        count toward several jurisdictions, each by its own rules.
      </p>
      {searchParams.has("updated") ? (
        <p role="status" className="notice">
          Your credentials are updated.
        </p>
      ) : null}
      <p className="actions">
        <a href="/transcript.csv" download>
          Download transcript (CSV)
        </a>
        <a href="/transcript.pdf" download>
          Download transcript (PDF)
        </a>
      </p>
      {standings.map((standing) => {
        const verdict = standing.verdict;
        const headingId = `standing-${standing.credentialTypeId}`;
        return (
          <section key={standing.credentialTypeId} aria-labelledby={headingId} className="panel">
            <h2 id={headingId}>
              {standing.jurisdictionName}: {standing.credentialName}
            </h2>
            <p className={verdict.eligible ? "status ok" : "status"}>
              {verdict.eligible
                ? "You meet every requirement."
                : verdict.provisionalEligible
                  ? "You can apply for the provisional stage."
                  : `${verdict.unmet.length} requirement${verdict.unmet.length === 1 ? "" : "s"} still to meet.`}{" "}
              <span className="hint">(requirements version {standing.requirementVersion})</span>
            </p>
            <VerdictTable rows={verdict.items} caption="Where you stand" />
            {verdict.unmet.length ? (
              <>
                <h3>What is missing</h3>
                <ul>
                  {verdict.unmet.map((sentence) => (
                    <li key={sentence}>{sentence}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <details>
              <summary>The rules (version {standing.requirementVersion})</summary>
              <RequirementSummary requirement={standing.requirement as Requirement} />
            </details>
          </section>
        );
      })}
      <section aria-labelledby="goals-heading">
        <h2 id="goals-heading">Credentials I am working toward</h2>
        <Form method="post">
          <CsrfInput />
          <fieldset>
            <legend>Choose one or more</legend>
            {options.map((option) => (
              <div className="option" key={option.id}>
                <input type="checkbox" id={`goal-${option.id}`} name="credentialTypeId" value={option.id} defaultChecked={option.chosen} />
                <label htmlFor={`goal-${option.id}`}>{option.label}</label>
              </div>
            ))}
          </fieldset>
          <SubmitButton>Save my credentials</SubmitButton>
        </Form>
      </section>
    </>
  );
}
