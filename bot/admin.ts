/**
 * The operator's tool: `npm run admin -- <command>` (backup, restore, export, stats, networks
 * and their animators, migrations). `npm run admin -- help` lists the commands.
 */
import { loadDotEnv } from "./config.js";
import { runAdmin } from "./admin/run.js";

loadDotEnv();
runAdmin(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
