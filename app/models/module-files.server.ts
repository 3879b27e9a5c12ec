// Reads and validates the course modules in content/modules/*.md (Markdown with YAML frontmatter).
// A bad file is reported with its path and field; the others still load.
import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { ModuleFileSchema, bodyProblems, type ModuleFile } from "~/domain/module-content";

export type ModuleFileProblem = { path: string; message: string };
export type LoadedModuleFile = { path: string; module: ModuleFile };

export const MODULES_DIR = path.resolve("content", "modules");

export function parseModuleFile(relativePath: string, text: string): { module?: ModuleFile; problems: ModuleFileProblem[] } {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh cache per call: gray-matter caches by content and would share mutable objects.
    parsed = matter(text, {});
  } catch (error) {
    return { problems: [{ path: relativePath, message: `the frontmatter is not valid YAML: ${(error as Error).message.split("\n")[0]}` }] };
  }
  const result = ModuleFileSchema.safeParse({ ...parsed.data, body: parsed.content });
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => ({
        path: relativePath,
        message: `${issue.path.join(".") || "frontmatter"}: ${issue.message}`,
      })),
    };
  }
  const problems = bodyProblems(result.data.body).map((message) => ({ path: relativePath, message: `body: ${message}` }));
  return problems.length ? { problems } : { module: result.data, problems: [] };
}

export async function readModuleFiles(dir = MODULES_DIR): Promise<{ files: LoadedModuleFile[]; problems: ModuleFileProblem[] }> {
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith(".md") && name !== "FORMAT.md").sort();
  const files: LoadedModuleFile[] = [];
  const problems: ModuleFileProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const relativePath = path.relative(process.cwd(), path.join(dir, name));
    const result = parseModuleFile(relativePath, await fs.readFile(path.join(dir, name), "utf8"));
    problems.push(...result.problems);
    if (!result.module) continue;
    const other = seen.get(result.module.id);
    if (other) {
      problems.push({ path: relativePath, message: `id: "${result.module.id}" is already used by ${other}` });
      continue;
    }
    if (result.module.id !== path.basename(name, ".md")) {
      problems.push({ path: relativePath, message: `id: "${result.module.id}" must match the file name "${path.basename(name, ".md")}"` });
      continue;
    }
    seen.set(result.module.id, relativePath);
    files.push({ path: relativePath, module: result.module });
  }
  return { files, problems };
}
