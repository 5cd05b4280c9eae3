/** Every command of the admin tool, in the order of the usage text. */
import type { AdminEntry } from "./context.js";
import { backupEntry, migrateEntry, restoreEntry } from "./database.js";
import { networkCommands } from "./networks.js";
import { territoryCommands } from "./territory.js";

export type { AdminEntry };

/** The commands, as `npm run admin -- help` lists them. */
export const ADMIN_COMMANDS: readonly AdminEntry[] = [
  backupEntry,
  restoreEntry,
  ...territoryCommands,
  ...networkCommands,
  migrateEntry,
];
