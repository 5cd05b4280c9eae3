/** Finds commands by any of their names, in any language. */
import { distance } from "fastest-levenshtein";
import type { Locale } from "../bot/i18n.js";
import type { Command } from "./types.js";

/** The commands of the bot, indexed by name. */
export class CommandRegistry {
  private readonly byName = new Map<string, Command>();
  private readonly byId = new Map<string, Command>();

  constructor(readonly commands: readonly Command[]) {
    for (const command of commands) {
      if (this.byId.has(command.id)) throw new Error(`two commands have the id ${command.id}`);
      this.byId.set(command.id, command);
      for (const name of [...command.names.fr, ...command.names.en]) {
        if (!/^[a-z0-9_]{1,32}$/.test(name))
          throw new Error(`command name "${name}" is not Telegram-safe`);
        const other = this.byName.get(name);
        if (other && other !== command)
          throw new Error(`commands ${other.id} and ${command.id} share the name ${name}`);
        this.byName.set(name, command);
      }
    }
  }

  /** The command with this (folded) name in either language. */
  find(name: string): Command | undefined {
    return this.byName.get(name);
  }

  /** The command with this id; throws for an unknown id (a programming error). */
  get(id: string): Command {
    const command = this.byId.get(id);
    if (!command) throw new Error(`unknown command id ${id}`);
    return command;
  }

  /** The main name of a command in a language (`offre`, `offer`). */
  nameOf(id: string, locale: Locale): string {
    const name = this.get(id).names[locale][0];
    if (!name) throw new Error(`command ${id} has no ${locale} name`);
    return name;
  }

  /** The closest command name to a mistyped one, when it is close enough to suggest. */
  suggest(name: string, locale: Locale): string | undefined {
    let best: { name: string; d: number } | undefined;
    for (const command of this.commands) {
      if (command.hidden) continue;
      for (const candidate of command.names[locale]) {
        const d = distance(name, candidate);
        if (!best || d < best.d) best = { name: candidate, d };
      }
    }
    return best && best.d <= Math.max(1, Math.floor(name.length / 3)) ? best.name : undefined;
  }
}
