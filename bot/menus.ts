/**
 * The platforms' command menus (Telegram's "/" menu), generated from the command
 * declarations: what everyone can use in private chats and groups, and the animators'
 * commands for group administrators.
 */
import type { CommandMenus, MenuEntry } from "../adapters/types.js";
import type { CommandRegistry } from "../commands/registry.js";
import type { Command } from "../commands/types.js";
import type { Translator } from "./i18n.js";

/** Commands that only make sense in a group room, or only in a private chat. */
const GROUP_ONLY = new Set(["network"]);
const PRIVATE_ONLY = new Set(["cancel", "skip"]);

/** The menus of one language. */
export function commandMenus(registry: CommandRegistry, t: Translator): CommandMenus {
  const entry = (command: Command): MenuEntry => ({
    command: registry.nameOf(command.id, t.locale),
    // Telegram allows 3 to 256 characters.
    description: t(`cmd-${command.id}-summary`).slice(0, 256),
  });
  const listed = registry.commands.filter((c) => !c.hidden && c.id !== "start");
  const everyone = listed.filter((c) => c.access === "everyone" && c.listedFor !== "animators");
  return {
    private: everyone.filter((c) => !GROUP_ONLY.has(c.id)).map(entry),
    group: everyone.filter((c) => !PRIVATE_ONLY.has(c.id)).map(entry),
    admin: listed.filter((c) => !PRIVATE_ONLY.has(c.id)).map(entry),
  };
}
