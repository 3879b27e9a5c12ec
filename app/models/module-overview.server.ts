// A module's overview page for one reader: the module, their enrolment with its last knowledge check,
// and the version they see (the one they started, else the newest), in one statement. The page shows
// section titles and counts only, so the version's Markdown, rendered HTML and questions (~16 KB a
// module) stay in PostgreSQL, and the page avoids three Prisma queries' compilation on a hot path.
import type { ModuleContent } from "~/domain/module-content";
import { databasePool } from "~/utils/db.server";

const OVERVIEW = `
SELECT m.slug,
       v.version, v.title, v.summary, v.objectives, v."estimatedMinutes", v."passMark", v.domains,
       jsonb_path_query_array(v.sections, '$[*].title') AS "sectionTitles",
       jsonb_array_length(v.questions) AS "questionCount",
       e.id AS "enrolmentId", e."seenSections", e."completedAt" AT TIME ZONE 'UTC' AS "completedAt",
       c.percent AS "checkPercent", c.passed AS "checkPassed"
FROM "Module" m
LEFT JOIN "Enrolment" e ON e."moduleId" = m.id AND e."traineeId" = $2
LEFT JOIN "ModuleVersion" v ON v.id = COALESCE(
  e."moduleVersionId",
  (SELECT newest.id FROM "ModuleVersion" newest WHERE newest."moduleId" = m.id ORDER BY newest.version DESC LIMIT 1))
LEFT JOIN LATERAL (
  SELECT k.percent, k.passed FROM "KnowledgeCheckAttempt" k WHERE k."enrolmentId" = e.id ORDER BY k."submittedAt" DESC LIMIT 1
) c ON true
WHERE m.slug = $1`;

type OverviewRow = {
  slug: string;
  version: number | null;
  title: string;
  summary: string;
  objectives: string[];
  estimatedMinutes: number;
  passMark: number;
  domains: ModuleContent["domains"];
  sectionTitles: string[];
  questionCount: number;
  enrolmentId: string | null;
  seenSections: number[] | null;
  completedAt: Date | null;
  checkPercent: number | null;
  checkPassed: boolean | null;
};

export type ModuleOverview = {
  slug: string;
  version: { version: number; title: string; summary: string; objectives: string[]; estimatedMinutes: number; passMark: number; domains: ModuleContent["domains"]; sectionTitles: string[]; questionCount: number } | null;
  enrolment: { seenSections: number[]; completedAt: Date | null; lastCheck: { percent: number; passed: boolean } | null } | null;
};

/** The overview of the module at `slug` as `traineeId` sees it; null when there is no such module. */
export async function moduleOverview(slug: string, traineeId: string): Promise<ModuleOverview | null> {
  const { rows } = await databasePool.query<OverviewRow>({ name: "module-overview", text: OVERVIEW, values: [slug, traineeId] });
  const row = rows[0];
  if (!row) return null;
  return {
    slug: row.slug,
    version:
      row.version === null
        ? null
        : {
            version: row.version,
            title: row.title,
            summary: row.summary,
            objectives: row.objectives,
            estimatedMinutes: row.estimatedMinutes,
            passMark: row.passMark,
            domains: row.domains,
            sectionTitles: row.sectionTitles,
            questionCount: row.questionCount,
          },
    enrolment:
      row.enrolmentId === null
        ? null
        : {
            seenSections: row.seenSections ?? [],
            completedAt: row.completedAt,
            lastCheck: row.checkPercent === null || row.checkPassed === null ? null : { percent: row.checkPercent, passed: row.checkPassed },
          },
  };
}
