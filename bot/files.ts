/**
 * Files the bot sends (a statistics chart, a CSV): a command describes them in the queued
 * message (`OutgoingMessage.makeFile`), and the outbox writes them, just before sending, into
 * the files folder beside the database — where console mode shows their path. Commands stay
 * synchronous and the queued message stays self-contained: a restart still sends the file.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Attachment, FileRecipe } from "./reply.js";

/** The folder of the bot's files: `files/` beside the database (a temporary one for `:memory:`). */
export function filesDirFor(databasePath: string): string {
  // In memory (tests), each bot gets its own folder: several may run in one process.
  return databasePath === ":memory:"
    ? join(tmpdir(), `soliterr-files-${process.pid}-${randomUUID()}`)
    : join(dirname(databasePath), "files");
}

/** Writes the file a message describes; `key` makes its name unique (the outbox row). */
export async function writeFile(dir: string, key: string, recipe: FileRecipe): Promise<Attachment> {
  // Vega and resvg are loaded with the first chart, not with the bot: most runs draw none.
  const data = recipe.chart
    ? await (await import("./charts.js")).barChart(recipe.chart.bars, recipe.chart.labels)
    : Buffer.from(recipe.text ?? "", "utf8");
  mkdirSync(dir, { recursive: true });
  const safe = recipe.filename.replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 80);
  const path = join(dir, `${key}-${safe}`);
  writeFileSync(path, data);
  return { kind: recipe.kind, path, filename: recipe.filename };
}

/** Deletes the files older than `maxAgeMs`; returns how many. */
export function purgeFiles(dir: string, now: number, maxAgeMs: number): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > maxAgeMs) {
        rmSync(path, { force: true });
        removed++;
      }
    } catch {
      // Gone in the meantime.
    }
  }
  return removed;
}

/** Deletes the files made for the given outbox messages (`key` as given to `writeFile`). */
export function removeFilesOf(dir: string, keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const prefixes = keys.map((k) => `${k}-`);
  const doomed = names.filter((name) => prefixes.some((p) => name.startsWith(p)));
  for (const name of doomed) rmSync(join(dir, name), { force: true });
  return doomed.length;
}
