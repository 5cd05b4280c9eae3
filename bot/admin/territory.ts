/** Commands that read the territory: export and stats. */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { exportTerritory, type ExportScope } from "../../storage/export.js";
import { territoryFigures } from "../../storage/figures.js";
import { formatFigures } from "./figures-text.js";
import { AdminError, declare, wordsAs } from "./cli.js";
import { entry, file, findNetwork, openCurrent, tell, type AdminContext } from "./context.js";

const exportCommand = declare({
  name: "export",
  usage: "[--network <name|id>] [--out <file>] [--force]",
  summary: "Writes the territory (or one network) as JSON to <file> or standard output.",
  flags: { network: "value", out: "value", force: "switch" },
  args: z.object({
    words: wordsAs([]),
    flags: z.object({
      network: z.string().trim().min(1).optional(),
      out: file.optional(),
      force: z.literal(true).optional(),
    }),
  }),
});

async function exportData(ctx: AdminContext, args: z.output<typeof exportCommand.args>) {
  const { out, force } = args.flags;
  if (out && existsSync(out) && !force)
    throw new AdminError(
      `${out} already exists: choose another file, or add --force to replace it`,
    );
  const { sqlite, db } = openCurrent(ctx);
  try {
    let scope: ExportScope = { kind: "territory" };
    if (args.flags.network) {
      const network = findNetwork(db, args.flags.network);
      scope = { kind: "network", id: network.id, name: network.name };
    }
    const meta = { territory: ctx.config.territoryName, now: ctx.io.now() };
    if (!out) {
      const report = await exportTerritory(db, scope, (chunk) => writeOut(ctx, chunk), meta);
      ctx.logger.info({ scope, counts: report.counts }, "export written to standard output");
      return;
    }
    // Written beside the destination, then renamed: a file at `out` is always a whole export.
    const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
    const fd = openSync(partial, "w", 0o600);
    try {
      const report = await exportTerritory(db, scope, (chunk) => void writeSync(fd, chunk), meta);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(partial, out);
      ctx.logger.info({ scope, out, counts: report.counts }, "export written");
      const total = Object.entries(report.counts)
        .map(([table, n]) => `${n} ${table}`)
        .join(", ");
      tell(
        ctx,
        `Exported ${scope.kind === "network" ? `network "${scope.name}"` : "the territory"} to ${out}: ${total}.`,
      );
    } finally {
      rmSync(partial, { force: true });
    }
  } finally {
    sqlite.close();
  }
}

/** Writes to standard output, waiting when the reader is slower (a pipe to gzip, ssh…). */
function writeOut(ctx: AdminContext, chunk: string): Promise<void> | void {
  const stdout = ctx.io.stdout as NodeJS.WritableStream;
  if (stdout.write(chunk) !== false) return;
  return new Promise((resolve) => stdout.once("drain", () => resolve()));
}

const statsCommand = declare({
  name: "stats",
  usage: "",
  summary: "Prints the territory's figures: listings, members, networks, rooms, outbox.",
  flags: {},
  args: z.object({ words: wordsAs([]), flags: z.object({}) }),
});

function stats(ctx: AdminContext) {
  const { sqlite, db } = openCurrent(ctx);
  try {
    const now = ctx.io.now().getTime();
    ctx.io.stdout.write(formatFigures(territoryFigures(db, now), now, ctx.config.territoryName));
  } finally {
    sqlite.close();
  }
}

/** `export` and `stats`. */
export const territoryCommands = [entry(exportCommand, exportData), entry(statsCommand, stats)];
