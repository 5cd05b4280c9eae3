/**
 * Queuing a private message to a member from outside a command (scheduled jobs), written in
 * the member's language, with command names in that language.
 */
import type { CommandRegistry } from "../commands/registry.js";
import type { Db } from "../storage/db.js";
import { isErased, memberById, type Member } from "../storage/members.js";
import { enqueueMessage } from "../storage/outbox.js";
import { isLocale, type I18n, type Locale, type Translator } from "./i18n.js";
import type { RichText } from "./reply.js";
import { commandLine } from "./context.js";

/** Builds a message in a member's language; `command` writes a command line in that language. */
export type MessageBuilder = (
  t: Translator,
  command: (id: string, ...args: (string | number)[]) => string,
) => RichText;

/** Queues private messages to members. */
export class Notifier {
  constructor(
    private readonly db: Db,
    private readonly i18n: I18n,
    private readonly registry: CommandRegistry,
    private readonly defaultLocale: Locale,
    /** How commands are typed on a platform (`/`, or `!` on Matrix). */
    private readonly prefixFor: (platform: string) => string = () => "/",
  ) {}

  /** The language the bot speaks to a member. */
  localeOf(member: Member): Locale {
    return isLocale(member.locale) ? member.locale : this.defaultLocale;
  }

  /** A command line for a member, in their language and their platform's form. */
  private commandFor(member: Member, id: string, args: (string | number)[]): string {
    return commandLine(
      this.registry,
      this.localeOf(member),
      id,
      args,
      this.prefixFor(member.platform),
    );
  }

  /** Queues a private message to a member; with a `dedupeKey`, at most once. Returns whether queued. */
  toMember(memberId: number, build: MessageBuilder, now: number, dedupeKey?: string): boolean {
    return this.queueToMember(memberId, build, now, dedupeKey) !== undefined;
  }

  /** Like `toMember`, returning the queued message's outbox id (undefined: not queued). */
  queueToMember(
    memberId: number,
    build: MessageBuilder,
    now: number,
    dedupeKey?: string,
  ): number | undefined {
    const member = memberById(this.db, memberId);
    // An erased member is nobody to write to any more (storage/erasure.ts).
    if (!member || isErased(member)) return undefined;
    const locale = this.localeOf(member);
    const text = build(this.i18n.translator(locale), (id, ...args) =>
      this.commandFor(member, id, args),
    );
    return enqueueMessage(
      this.db,
      { kind: "member", platform: member.platform, userId: member.platformUserId },
      { text },
      now,
      dedupeKey,
    );
  }
}
