// Everything in content/ that the database mirrors: jurisdictions and their credentials, requirement
// versions, and the course modules. Run on every start and by `npm run content:sync`; never overwrites
// what a board or instructor changed in the app.
import { syncExamFiles } from "./exam-files.server";
import { readJurisdictionFiles, upsertJurisdictions } from "./jurisdiction-files.server";
import { formatSyncReport, syncModuleFiles } from "./module.server";
import { seedRequirements } from "./requirement.server";

export async function syncContent() {
  await upsertJurisdictions(await readJurisdictionFiles());
  await seedRequirements();
  const modules = await syncModuleFiles();
  const exams = await syncExamFiles();
  const summary = formatSyncReport(modules) + (exams.length ? `\nExams loaded: ${exams.join(", ")}` : "");
  return { modules, exams, summary };
}
