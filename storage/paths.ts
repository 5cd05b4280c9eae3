/**
 * Where the project's data files are (migrations, reference data, locales), whether the code
 * runs from its sources (tsx, vitest) or compiled into dist/ (`npm run build`): paths are
 * taken from the project's root, the nearest folder above this file holding package.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error("package.json not found above storage/paths");
  }
}

/** The project's root folder. */
export const PROJECT_ROOT = projectRoot();

/** A path inside the project: `projectPath("storage", "migrations")`. */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}

/** Reads a JSON data file of the project. */
export function readProjectJson<T>(...segments: string[]): T {
  return JSON.parse(readFileSync(projectPath(...segments), "utf8")) as T;
}
