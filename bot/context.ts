/**
 * The context a command runs with: who, where, in which language, and the narrow set of
 * services it may use. Built by the pipeline for each event (and by benchmarks and tests
 * that run a command directly).
 */
import type { CommandRegistry } from "../commands/registry.js";
import type { CommandContext, CommandSettings, Role } from "../commands/types.js";
import { recordAudit } from "../storage/audit.js";
import type { Catalog } from "../storage/catalog.js";
import type { Db } from "../storage/db.js";
import type { Member } from "../storage/members.js";
import type { Room } from "../storage/networks.js";
import type { Places } from "../storage/places.js";
import type { Clock } from "./clock.js";
import type { I18n, Locale } from "./i18n.js";
import type { Notifier } from "./notify.js";

/** The services shared by every command context. */
export interface ContextServices {
  db: Db;
  i18n: I18n;
  registry: CommandRegistry;
  places: Places;
  catalog: Catalog;
  settings: CommandSettings;
  clock: Clock;
  notifier: Notifier;
  /** How commands are typed on a platform (`/`, or `!` on Matrix). Default `/`. */
  commandPrefix?: (platform: string) => string;
}

/** Who acts, where, and when. */
export interface ContextScope {
  member: Member;
  room: Room;
  role: Role;
  locale: Locale;
  now: number;
  fromButton: boolean;
  /** How commands are typed on the person's platform (`/`, or `!` on Matrix). */
  prefix: string;
}

/** A command line in a language, quoting arguments that hold spaces: `/renouveler 42`. */
export function commandLine(
  registry: CommandRegistry,
  locale: Locale,
  id: string,
  args: readonly (string | number)[],
  prefix = "/",
): string {
  const quoted = args.map((a) => (/\s/.test(String(a)) ? `"${a}"` : String(a)));
  return [`${prefix}${registry.nameOf(id, locale)}`, ...quoted].join(" ");
}

/** A usage line (`/offre <titre>…`, written with `/` in the locales) as typed on a platform. */
export function withPrefix(text: string, prefix: string): string {
  return text.replace(/^\//, prefix);
}

/** Builds the context of one command. */
export function createCommandContext(
  services: ContextServices,
  scope: ContextScope,
): CommandContext {
  const { db, i18n, registry, places, catalog, settings, clock, notifier } = services;
  const { member, room, role, locale, now, fromButton, prefix } = scope;
  return {
    db,
    member,
    room,
    role,
    locale,
    t: i18n.translator(locale),
    translator: (other) => i18n.translator(other),
    now,
    clock,
    places,
    catalog,
    settings,
    commands: registry,
    fromButton,
    commandPrefix: prefix,
    command: (id, ...args) => commandLine(registry, locale, id, args, prefix),
    commandIn: (platform, other, id, ...args) =>
      commandLine(registry, other, id, args, services.commandPrefix?.(platform) ?? "/"),
    notifyMember: (memberId, build, dedupeKey) =>
      notifier.queueToMember(memberId, build, now, dedupeKey),
    audit: (entry) => recordAudit(db, { ...entry, actorId: member.id }, now),
  };
}
