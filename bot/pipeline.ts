/**
 * The pipeline every inbound event goes through, whatever its platform. In one transaction:
 * de-duplicate, identify the member and room, choose the language, rate-limit, parse,
 * authorise, run the command (or the guided conversation), queue the replies in the outbox.
 * Delivery happens after the commit (bot/outbox.ts).
 */
import type { Inbound, InboundEvent, PlatformRole, RoomEvent, RoomRef } from "../adapters/types.js";
import type { CommandRegistry } from "../commands/registry.js";
import type {
  Access,
  Command,
  CommandContext,
  CommandResult,
  CommandSettings,
  Flow,
  Reply,
  Role,
} from "../commands/types.js";
import { isNamedAnimator } from "../storage/animators.js";
import { recordAudit } from "../storage/audit.js";
import type { Catalog } from "../storage/catalog.js";
import { getConversation } from "../storage/conversations.js";
import { inTransaction, type Db } from "../storage/db.js";
import { markEventProcessed } from "../storage/events.js";
import {
  findOrCreateMember,
  memberIdentity,
  setMemberLastNetwork,
  setMemberReachable,
  type Member,
} from "../storage/members.js";
import { findOrCreateRoom, type Room } from "../storage/networks.js";
import { enqueueMessage, releaseHeld } from "../storage/outbox.js";
import type { Places } from "../storage/places.js";
import type { Clock } from "./clock.js";
import { commandLine, createCommandContext, withPrefix } from "./context.js";
import { admit } from "./admission.js";
import { recordNativeVote } from "./poll-votes.js";
import { applyRoomEvent } from "./room-events.js";
import { withErasureNotice } from "./erasure-notice.js";
import { UserError } from "./errors.js";
import { isLocale, localeFromHint, type I18n, type Locale, type Translator } from "./i18n.js";
import type { Logger } from "./logger.js";
import type { Notifier } from "./notify.js";
import {
  MAX_INPUT_LENGTH,
  parseArgs,
  parseCommandLine,
  sanitizeText,
  type CommandLine,
} from "./parse.js";
import { RateLimiter } from "./rate-limit.js";
import {
  code,
  message,
  paragraph,
  type Destination,
  type OutgoingMessage,
  type RichText,
} from "./reply.js";

/** Settings of the pipeline. */
export interface PipelineSettings extends CommandSettings {
  /** `platform:id` of the territory administrators. */
  admins: readonly string[];
  rateLimitPerMinute: number;
}

/** Everything the pipeline works with (built by main.ts, or by a test). */
export interface PipelineOptions {
  db: Db;
  i18n: I18n;
  places: Places;
  catalog: Catalog;
  registry: CommandRegistry;
  flows: readonly Flow[];
  settings: PipelineSettings;
  clock: Clock;
  logger: Logger;
  /** Queues private messages to other members. */
  notifier: Notifier;
  /** How commands are typed on a platform (`/`, or `!` on Matrix). Default `/`. */
  commandPrefix?: (platform: string) => string;
  /** Asks the platform for a person's role in a group room. */
  roleOf: (platform: string, room: RoomRef, userId: string) => Promise<PlatformRole>;
  /** Called after a commit that queued messages (wakes the outbox). */
  onQueued?: () => void;
}

interface EventScope {
  inbound: Inbound;
  /** How commands are typed on the event's platform. */
  prefix: string;
  member: Member;
  room: Room;
  locale: Locale;
  t: Translator;
  log: Logger;
}

/** A command with its validated arguments. */
interface Invocation {
  command: Command;
  args: unknown;
}

/** How long messages for an unreachable person are kept for when they come back. */
const HELD_FOR_MS = 7 * 86_400_000;

/** Thrown to end the handling of an event without any reply. */
class Silence extends Error {}

/** Turns inbound events into committed effects and queued replies. */
export class Pipeline {
  private readonly flows: Map<string, Flow>;
  private readonly limiter: RateLimiter;
  private readonly log: Logger;

  constructor(private readonly options: PipelineOptions) {
    this.flows = new Map(options.flows.map((f) => [f.id, f]));
    this.limiter = new RateLimiter(options.settings.rateLimitPerMinute);
    this.log = options.logger.child({ module: "pipeline" });
  }

  /**
   * Handles one inbound event; resolves once its effects and replies are committed. Rejects
   * only when the database itself failed: then nothing was committed, and the adapter should
   * not confirm the event to its platform.
   */
  async handle(inbound: InboundEvent): Promise<void> {
    const log = this.log.child({
      platform: inbound.platform,
      room: inbound.room?.id,
      event: inbound.eventId,
    });
    if (inbound.kind === "vote") {
      const { db, clock } = this.options;
      inTransaction(db, () => recordNativeVote(db, inbound, clock.now(), log));
      return;
    }
    let platformRole: PlatformRole = "member";
    if (inbound.room.kind === "group" && parseCommandLine(inbound.text)) {
      try {
        platformRole = await this.options.roleOf(inbound.platform, inbound.room, inbound.sender.id);
      } catch (error) {
        log.warn({ err: error }, "could not read the sender's role; treating them as a member");
      }
    }
    let queued: number;
    try {
      queued = inTransaction(this.options.db, () => this.process(inbound, platformRole, log));
    } catch (error) {
      // Nothing was committed, not even the event id: the platform may deliver it again.
      log.error({ err: error }, "event not handled");
      throw error;
    }
    if (queued > 0) this.options.onQueued?.();
  }

  /** The whole event in one transaction; returns how many messages were queued. */
  private process(inbound: Inbound, platformRole: PlatformRole, log: Logger): number {
    const { db, clock, settings } = this.options;
    const now = clock.now();
    if (!markEventProcessed(db, inbound.platform, inbound.eventId, now)) {
      log.debug("event already handled");
      return 0;
    }
    const text = sanitizeText(inbound.text);
    const line = parseCommandLine(text);
    // Plain conversation in a group is none of the bot's business.
    if (!line && inbound.room.kind === "group") return 0;

    const member = findOrCreateMember(
      db,
      {
        platform: inbound.platform,
        platformUserId: inbound.sender.id,
        displayName: inbound.sender.displayName,
        username: inbound.sender.username ?? null,
      },
      now,
    );
    const room = findOrCreateRoom(
      db,
      {
        platform: inbound.platform,
        platformRoomId: inbound.room.id,
        kind: inbound.room.kind,
        ...(inbound.room.title ? { title: inbound.room.title } : {}),
        ...(inbound.room.kind === "direct" ? { memberId: member.id } : {}),
      },
      now,
    );
    if (
      room.kind === "group" &&
      room.networkId !== null &&
      member.lastNetworkId !== room.networkId
    ) {
      setMemberLastNetwork(db, member.id, room.networkId);
    }
    // Someone the bot could not write to privately just did: send what was kept for them.
    let released = 0;
    if (room.kind === "direct" && member.unreachableSince !== null) {
      setMemberReachable(db, member.id);
      released = releaseHeld(db, inbound.platform, inbound.sender.id, now - HELD_FOR_MS, now);
      member.unreachableSince = null;
    }
    const locale = this.localeOf(member, inbound.sender.localeHint);
    const scope: EventScope = {
      inbound,
      prefix: this.options.commandPrefix?.(inbound.platform) ?? "/",
      member,
      room,
      locale,
      t: this.options.i18n.translator(locale),
      log,
    };
    const role: Role = settings.admins.includes(memberIdentity(member))
      ? "admin"
      : platformRole === "animator" ||
          // Named by the territory's administrator (admin tool), in the rooms of their network.
          (room.kind === "group" &&
            room.networkId !== null &&
            isNamedAnimator(db, room.networkId, member.id))
        ? "animator"
        : "member";

    const verdict = this.limiter.take(member.id, now);
    if (verdict !== "allowed") {
      log.info({ member: member.id }, "rate limited");
      return verdict === "limited-first"
        ? this.queue(scope, { text: this.errorText(scope, "rate-limited") })
        : 0;
    }

    const ctx = createCommandContext(this.options, {
      member,
      room,
      role,
      locale,
      now,
      fromButton: inbound.button !== undefined,
      prefix: scope.prefix,
    });
    let result: CommandResult;
    try {
      const command = this.commandFor(ctx, scope, line, text);
      // A savepoint: a failing command leaves no half-done change, but the event stays handled.
      result = db.$client.transaction(() => this.run(ctx, scope, command, text))();
      result = withErasureNotice(ctx, result, command?.command.id);
    } catch (error) {
      if (error instanceof UserError && error.refusal) {
        recordAudit(db, { actorId: member.id, action: "command-refused", ...error.refusal }, now);
      }
      result = this.failure(scope, error);
    }
    return this.queue(scope, result) + released;
  }

  private localeOf(member: Member, hint: string | undefined): Locale {
    if (isLocale(member.locale)) return member.locale;
    return localeFromHint(hint) ?? this.options.settings.defaultLocale;
  }

  /**
   * The command to run, authorised, with its validated arguments (undefined: plain text for
   * a guided conversation). Runs outside the command's savepoint so that a refusal stays
   * recorded.
   */
  private commandFor(
    ctx: CommandContext,
    scope: EventScope,
    line: CommandLine | undefined,
    text: string,
  ): Invocation | undefined {
    if (text.length > MAX_INPUT_LENGTH)
      throw new UserError("input-too-long", { max: MAX_INPUT_LENGTH });
    if (!line) return undefined;
    const { registry } = this.options;
    const command = registry.find(line.name);
    if (!command) {
      const suggestion = registry.suggest(line.name, scope.locale);
      // In a group, other bots' commands are not ours to answer unless it looks like a typo.
      if (!suggestion && scope.room.kind === "group") throw new Silence();
      throw new UserError(suggestion ? "command-unknown-suggest" : "command-unknown", {
        name: line.name,
        suggestion: `${ctx.commandPrefix}${suggestion ?? ""}`,
        help: ctx.command("help"),
      });
    }
    this.authorise(ctx, scope, command, command.access);
    admit(ctx, command.membersOnly === true);
    const args = this.parse(scope, command, line);
    // Some commands need more rights for some uses (`/reseau` shows; `/reseau nom` binds).
    const access = command.accessFor?.(args);
    if (access) this.authorise(ctx, scope, command, access);
    return { command, args };
  }

  /** Validates a command's arguments; a bad one is answered with the command's usage. */
  private parse(scope: EventScope, command: Command, line: CommandLine): unknown {
    const args = parseArgs(line.argsText, {
      options: command.options ?? [],
      extendOption: (option, words) =>
        option === "place" ? (this.options.places.resolvePrefix(words)?.used ?? 1) : 1,
    });
    const parsed = command.args.safeParse(args);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const key =
      issue && this.options.i18n.has(scope.locale, issue.message) ? issue.message : "args-invalid";
    const bounds = issue as { maximum?: number | bigint; minimum?: number | bigint } | undefined;
    const error = new UserError(key, {
      max: Number(bounds?.maximum ?? 0),
      min: Number(bounds?.minimum ?? 0),
    });
    error.usageOf = command.id;
    throw error;
  }

  /** Runs a command, or gives plain text to the member's guided conversation. */
  private run(
    ctx: CommandContext,
    scope: EventScope,
    invocation: Invocation | undefined,
    text: string,
  ): CommandResult {
    if (!invocation) {
      const conversation = getConversation(ctx.db, scope.member.id);
      const flow = conversation && this.flows.get(conversation.flow);
      if (flow) return flow.answer(ctx, text);
      throw new UserError("not-a-command", { help: ctx.command("help") });
    }
    return invocation.command.run(ctx, invocation.args);
  }

  private authorise(
    ctx: CommandContext,
    scope: EventScope,
    command: Command,
    access: Access,
  ): void {
    const allowed =
      access === "everyone" ||
      ctx.role === "admin" ||
      (access === "animator" && ctx.role === "animator");
    if (allowed) return;
    recordAudit(
      ctx.db,
      {
        actorId: scope.member.id,
        action: "command-refused",
        networkId: scope.room.networkId,
        details: { command: command.id, role: ctx.role },
      },
      ctx.now,
    );
    throw new UserError(access === "admin" ? "not-allowed-admin" : "not-allowed-animator", {
      command: ctx.command(command.id),
    });
  }

  private failure(scope: EventScope, error: unknown): Reply | undefined {
    if (error instanceof Silence) return undefined;
    if (error instanceof UserError) {
      const text = this.errorText(scope, error.key, error.args);
      if (error.usageOf) {
        text.blocks.push(
          paragraph(
            scope.t("usage-label"),
            " ",
            code(withPrefix(scope.t(`cmd-${error.usageOf}-usage`), scope.prefix)),
          ),
        );
      }
      return { text };
    }
    scope.log.error({ err: error, member: scope.member.id }, "command failed");
    return { text: this.errorText(scope, "error-internal") };
  }

  private errorText(scope: EventScope, key: string, args?: UserError["args"]): RichText {
    return message([paragraph(`⛔ ${scope.t(key, args)}`)]);
  }

  /** Queues the replies of a command; returns how many. */
  private queue(scope: EventScope, result: CommandResult): number {
    const replies = result === undefined ? [] : Array.isArray(result) ? result : [result];
    const { inbound } = scope;
    const now = this.options.clock.now();
    const here: Destination = { kind: "room", platform: inbound.platform, roomId: inbound.room.id };
    for (const reply of replies) {
      const privately = reply.to === "private" && inbound.room.kind !== "direct";
      const destination: Destination = privately
        ? { kind: "member", platform: inbound.platform, userId: inbound.sender.id }
        : here;
      enqueueMessage(
        this.options.db,
        destination,
        {
          text: reply.text,
          ...(reply.makeFile ? { makeFile: reply.makeFile } : {}),
          ...(!privately && inbound.messageId ? { inReplyTo: inbound.messageId } : {}),
          ...(reply.replaceSource && inbound.button?.messageId
            ? { replaces: inbound.button.messageId }
            : {}),
          // If the person cannot be written to privately, say so where they asked.
          ...(privately
            ? { fallback: { destination: here, message: this.unreachableNotice(scope) } }
            : {}),
        },
        now,
      );
    }
    return replies.length;
  }

  /** The pointer left in a group when the bot cannot write to someone privately. */
  private unreachableNotice(scope: EventScope): OutgoingMessage {
    const { t, inbound } = scope;
    return {
      text: message(
        [paragraph(t("private-unreachable", { name: scope.member.displayName }))],
        [[{ label: t("button-open-private"), command: "/start", openPrivate: true }]],
      ),
      ...(inbound.messageId ? { inReplyTo: inbound.messageId } : {}),
    };
  }

  /** Handles an event about a room (the bot added, removed, a room given a new id). */
  handleRoomEvent(event: RoomEvent): Promise<void> {
    const { db, clock, settings, i18n, registry } = this.options;
    const queued = inTransaction(db, () =>
      applyRoomEvent(
        {
          db,
          now: clock.now(),
          defaultLocale: settings.defaultLocale,
          translator: (locale) => i18n.translator(locale),
          command: (locale, id, ...args) =>
            commandLine(registry, locale, id, args, this.options.commandPrefix?.(event.platform)),
          territoryName: settings.territoryName,
        },
        event,
      ),
    );
    if (queued > 0) this.options.onQueued?.();
    return Promise.resolve();
  }
}
