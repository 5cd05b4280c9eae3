/** Commands on the database file: backup, restore, migrate. */
import { existsSync } from "node:fs";
import { z } from "zod";
import {
  assertSoliterrDatabase,
  backupDatabase,
  databaseInUse,
  openExistingDatabase,
  restoreDatabase,
} from "../../storage/backup.js";
import { closeDatabase, migrationStatus, openDatabase } from "../../storage/db.js";
import { AdminError, declare, wordsAs } from "./cli.js";
import { asAdminError, describeSummary, entry, file, tell, type AdminContext } from "./context.js";

/** `<file> [--force]`, the arguments of backup and restore. */
const fileAndForce = z.object({
  words: wordsAs(["file"]).pipe(z.object({ file })),
  flags: z.object({ force: z.literal(true).optional() }),
});

const backupCommand = declare({
  name: "backup",
  usage: "<file> [--force]",
  summary: "Copies the database to <file> while the bot runs, and checks the copy.",
  flags: { force: "switch" },
  args: fileAndForce,
});

async function backup(ctx: AdminContext, args: z.output<typeof backupCommand.args>) {
  const started = Date.now();
  const summary = await backupDatabase(ctx.databasePath, args.words.file, {
    overwrite: args.flags.force === true,
  }).catch(asAdminError);
  ctx.logger.info(
    { from: ctx.databasePath, to: summary.path, ms: Date.now() - started },
    "backup written",
  );
  tell(ctx, `Backup written and checked (integrity ok) in ${Date.now() - started} ms.`);
  tell(ctx, describeSummary(summary));
}

const restoreCommand = declare({
  name: "restore",
  usage: "<file> [--force]",
  summary: "Replaces the database with the backup <file> (the bot must be stopped).",
  flags: { force: "switch" },
  args: fileAndForce,
});

async function restore(ctx: AdminContext, args: z.output<typeof restoreCommand.args>) {
  const result = await restoreDatabase(args.words.file, ctx.databasePath, {
    force: args.flags.force === true,
    now: ctx.io.now(),
  }).catch(asAdminError);
  ctx.logger.info(
    { from: args.words.file, to: ctx.databasePath, setAside: result.setAside },
    "database restored",
  );
  tell(ctx, `Restored ${args.words.file} into ${describeSummary(result.restored)}`);
  if (result.setAside) tell(ctx, `The replaced database was kept as ${result.setAside}.`);
  const pending = result.restored.migrations.pending;
  if (pending.length > 0)
    tell(ctx, `Migrations ${pending.join(", ")} will be applied when the bot starts.`);
}

const migrateCommand = declare({
  name: "migrate",
  usage: "[--force]",
  summary: "Applies the pending migrations and names them (the bot must be stopped).",
  flags: { force: "switch" },
  args: z.object({ words: wordsAs([]), flags: z.object({ force: z.literal(true).optional() }) }),
});

function migrateDatabase(ctx: AdminContext, args: z.output<typeof migrateCommand.args>) {
  const path = ctx.databasePath;
  const exists = existsSync(path);
  let before: string[] = [];
  if (exists) {
    const sqlite = openExistingDatabase(path);
    try {
      const tables = sqlite.prepare("SELECT count(*) FROM sqlite_master").pluck().get() as number;
      // An empty file may become a database; any other file must already be ours.
      if (tables > 0) assertSoliterrDatabase(sqlite, path);
      const status = migrationStatus(sqlite);
      if (status.unknown > 0)
        throw new AdminError(
          `${path} was migrated by a newer version of the bot: upgrade the bot instead`,
        );
      if (status.pending.length === 0) {
        tell(ctx, `${path} is up to date (schema ${status.applied.at(-1) ?? "empty"}).`);
        return;
      }
      before = status.applied;
    } finally {
      sqlite.close();
    }
    if (databaseInUse(path) && !args.flags.force)
      throw new AdminError(
        `${path} is open in another process (is the bot running?): stop it first, or add --force`,
      );
  }
  const db = openDatabase(path);
  try {
    const applied = migrationStatus(db.$client).applied.filter((tag) => !before.includes(tag));
    ctx.logger.info({ database: path, applied }, "migrations applied");
    tell(
      ctx,
      `${exists ? "" : `Created ${path}. `}Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}: ${applied.join(", ")}.`,
    );
  } finally {
    closeDatabase(db);
  }
}

/** `backup <file>`. */
export const backupEntry = entry(backupCommand, backup);
/** `restore <file>`. */
export const restoreEntry = entry(restoreCommand, restore);
/** `migrate`. */
export const migrateEntry = entry(migrateCommand, migrateDatabase);
