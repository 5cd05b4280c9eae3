/**
 * What a command is, and the narrow context it runs with. Commands never see a platform:
 * they read and write through storage/ repositories and return platform-neutral replies.
 */
import type { z } from "zod";
import type { Clock } from "../bot/clock.js";
import type { MessageArgs } from "../bot/errors.js";
import type { Locale, Translator } from "../bot/i18n.js";
import type { OptionName, ParsedArgs } from "../bot/parse.js";
import type { FileRecipe, RichText } from "../bot/reply.js";
import type { AuditInput } from "../storage/audit.js";
import type { Catalog } from "../storage/catalog.js";
import type { Db } from "../storage/db.js";
import type { Member } from "../storage/members.js";
import type { Room } from "../storage/networks.js";
import type { Places } from "../storage/places.js";
import type { CommandRegistry } from "./registry.js";

/** A person's role where they wrote: from the platform (animator) or the configuration (admin). */
export type Role = "member" | "animator" | "admin";

/** Who may run a command. */
export type Access = "everyone" | "animator" | "admin";

/** The settings commands need (a narrow view of the configuration). */
export interface CommandSettings {
  territoryName: string;
  timeZone: string;
  listingExpiryDays: number;
  /** The territory's language: rooms are written to in it. */
  defaultLocale: Locale;
  /** Broadcasts an animator may send (or schedule) in 24 hours. */
  broadcastsPerDay: number;
  /** `platform:id` of the territory administrators (told of reports). Default none. */
  admins?: readonly string[];
  /** New conversations a member may start per day (`/contacter`). Default 10. */
  contactsPerDay?: number;
  /** Messages a member may send through the bot per day. Default 60. */
  contactMessagesPerDay?: number;
  /** Whether the charter must be accepted before a first post. Default true. */
  charterRequired?: boolean;
  /** The territory charter's text when the territory wrote its own (else the default text). */
  charterText?: string;
}

/** Where a reply goes. */
export type ReplyTarget = "here" | "private";

/** One message a command answers with. */
export interface Reply {
  text: RichText;
  /** `here` (default): the room of the command; `private`: the person's private chat. */
  to?: ReplyTarget;
  /** Replace the bot message whose button was pressed (paging) instead of sending a new one. */
  replaceSource?: boolean;
  /** A file sent with it (a chart, a CSV), made when the message is sent. */
  makeFile?: FileRecipe;
}

/** What a command handler returns. */
export type CommandResult = Reply | Reply[] | undefined;

/** What a command handler is given. */
export interface CommandContext {
  readonly db: Db;
  readonly member: Member;
  readonly room: Room;
  readonly role: Role;
  readonly locale: Locale;
  /** Translates into the person's language. */
  readonly t: Translator;
  /** Translates into another language (right after the person changed theirs). */
  translator(locale: Locale): Translator;
  /** The bot's time (ms since the epoch) when the event is handled. */
  readonly now: number;
  readonly clock: Clock;
  readonly places: Places;
  readonly catalog: Catalog;
  readonly settings: CommandSettings;
  readonly commands: CommandRegistry;
  /** Whether the input came from a button. */
  readonly fromButton: boolean;
  /** How commands are typed on the person's platform: `/`, or `!` on Matrix. */
  readonly commandPrefix: string;
  /** The command line `/name args` in the person's language and platform, for buttons and hints. */
  command(id: string, ...args: (string | number)[]): string;
  /** A command line as typed on `platform` in `locale`: for messages posted to other rooms. */
  commandIn(platform: string, locale: Locale, id: string, ...args: (string | number)[]): string;
  /**
   * Queues a private message to another member, written in their language (with a
   * `dedupeKey`, at most once); `command` writes a command line in their language and their
   * platform's form (for buttons). Returns its outbox id, undefined when not queued.
   */
  notifyMember(
    memberId: number,
    build: (
      t: Translator,
      command: (id: string, ...args: (string | number)[]) => string,
    ) => RichText,
    dedupeKey?: string,
  ): number | undefined;
  /** Records an action of this person in the audit log. */
  audit(entry: Omit<AuditInput, "actorId">): void;
}

/** A command declaration: names, arguments, access and handler. Help is generated from it. */
export interface Command<A = unknown> {
  /** Stable id; its locale messages are `cmd-<id>-summary` and `cmd-<id>-usage`. */
  id: string;
  /** Names per language, the first one shown; Telegram-safe (`a-z0-9_`). */
  names: Record<Locale, readonly string[]>;
  /** Help section this command is listed in. */
  section: HelpSection;
  access: Access;
  /** The `key:value` options it understands. */
  options?: readonly OptionName[];
  /** Validates the parsed arguments; issue messages are locale message ids. */
  args: z.ZodType<A, ParsedArgs>;
  /** Who may run it with these arguments, when some uses need more than `access`. */
  accessFor?(args: A): Access | undefined;
  /**
   * Needs the person to be a member of the network (approved, where the network validates
   * its members): posting, contacting, saving alerts. Checked by the pipeline.
   */
  membersOnly?: boolean;
  /** Hidden from the help list (buttons-only helpers such as "more results"). */
  hidden?: boolean;
  /**
   * Listed (help, command menus) for animators only, although anyone may type it: the command
   * checks who acts inside, so that it also works from an animator's private chat.
   */
  listedFor?: "animators";
  run(ctx: CommandContext, args: A): CommandResult;
}

/** Help sections, in the order shown. */
export const HELP_SECTIONS = ["post", "find", "contact", "manage", "moderate", "account"] as const;
/** One help section. */
export type HelpSection = (typeof HELP_SECTIONS)[number];

/** A step-by-step conversation (guided posting...) fed with the person's plain answers. */
export interface Flow {
  /** Stable id stored with the conversation. */
  id: string;
  /** Handles one answer for the conversation `state`. */
  answer(ctx: CommandContext, text: string): CommandResult;
}

/** Shorthand for a reply in the current room. */
export function here(text: RichText, replaceSource = false): Reply {
  return { text, to: "here", replaceSource };
}

/** Shorthand for a reply in the person's private chat. */
export function inPrivate(text: RichText): Reply {
  return { text, to: "private" };
}

/** Type-checks a command declaration while keeping its argument type. */
export function defineCommand<A>(command: Command<A>): Command<A> {
  return command;
}

/** A locale message id with its variables, as zod issue messages carry them. */
export interface KeyedMessage {
  key: string;
  args?: MessageArgs;
}
