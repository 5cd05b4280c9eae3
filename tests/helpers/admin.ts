/** Runs the admin tool (bot/admin/run.ts) in the test's process, as `npm run admin` would. */
import { runAdmin } from "../../bot/admin/run.js";

/** The time the admin tool is told it is. */
export const ADMIN_NOW = new Date("2026-11-29T09:00:00Z");

/** Runs the admin tool in this process; returns its exit status and what it wrote. */
export async function admin(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runAdmin(argv, {
    stdout: { write: (chunk: string) => void (out += chunk) },
    stderr: { write: (chunk: string) => void (err += chunk) },
    env: { LOG_LEVEL: "silent", ...env },
    now: () => ADMIN_NOW,
  });
  return { code, out, err };
}
