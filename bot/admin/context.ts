/** What the admin tool's commands share: their context, and opening the database. */
import type Database from "better-sqlite3";
import { z } from "zod";
import {
  assertSoliterrDatabase,
  openExistingDatabase,
  type DatabaseSummary,
} from "../../storage/backup.js";
import { migrationStatus, wrapDatabase, type Db } from "../../storage/db.js";
import { networkById, networkByName, type Network } from "../../storage/networks.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { AdminError, type AdminCommand, type AdminIo } from "./cli.js";

/** What a command runs with. */
export interface AdminContext {
  config: Config;
  /** The database file the command works on. */
  databasePath: string;
  io: AdminIo;
  logger: Logger;
}

/** Prints a line for the operator (standard error: standard output carries results). */
export function tell(ctx: AdminContext, text: string): void {
  ctx.io.stderr.write(`${text}\n`);
}

/** A file path argument. */
export const file = z.string().trim().min(1, "a file path");

/** One line saying what a database file holds. */
export function describeSummary(summary: DatabaseSummary): string {
  const { counts, migrations } = summary;
  return `${summary.path}: ${(summary.bytes / 1_048_576).toFixed(1)} MiB, ${counts.networks} networks, ${counts.rooms} rooms, ${counts.members} members, ${counts.listings} listings, ${counts.outbox} outbox messages; schema ${migrations.applied.at(-1) ?? "empty"}`;
}

/**
 * Opens the database for reading or small writes: it must exist, be a SoliTERR database and
 * be up to date (the admin tool never migrates behind a running bot's back).
 */
export function openCurrent(ctx: AdminContext): { sqlite: Database.Database; db: Db } {
  let sqlite: Database.Database;
  try {
    sqlite = openExistingDatabase(ctx.databasePath);
    assertSoliterrDatabase(sqlite, ctx.databasePath);
  } catch (error) {
    throw new AdminError(error instanceof Error ? error.message : String(error));
  }
  const { pending, unknown } = migrationStatus(sqlite);
  if (pending.length > 0) {
    sqlite.close();
    throw new AdminError(
      `${ctx.databasePath} lacks migrations ${pending.join(", ")}: run \`npm run admin -- migrate\` (with the bot stopped) or start the bot once`,
    );
  }
  if (unknown > 0)
    tell(ctx, `warning: ${ctx.databasePath} was migrated by a newer version of the bot`);
  return { sqlite, db: wrapDatabase(sqlite) };
}

/** A network by id or name, or a clear refusal naming the networks there are. */
export function findNetwork(db: Db, ref: string): Network {
  const network = /^\d+$/.test(ref) ? networkById(db, Number(ref)) : networkByName(db, ref);
  if (network) return network;
  const names = db.$client
    .prepare("SELECT id || ' ' || name FROM networks ORDER BY name LIMIT 20")
    .pluck()
    .all() as string[];
  throw new AdminError(
    `no network "${ref}". ${names.length > 0 ? `Networks (id name): ${names.join("; ")}` : "There is no network yet: `npm run admin -- network create <name>`"}`,
  );
}

/** Rethrows a storage error as an operation failure (exit status 1, its message shown). */
export function asAdminError(error: unknown): never {
  throw new AdminError(error instanceof Error ? error.message : String(error));
}

/** A declared command with its implementation. */
export interface AdminEntry {
  command: AdminCommand<unknown>;
  run(ctx: AdminContext, args: unknown): void | Promise<void>;
}

/** Pairs a declaration with its implementation (the arguments' type checked between them). */
export function entry<A>(
  command: AdminCommand<A>,
  run: (ctx: AdminContext, args: A) => void | Promise<void>,
): AdminEntry {
  return { command, run };
}
