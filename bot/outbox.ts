/**
 * Delivers the outbox: messages queued by committed transactions are sent through their
 * platform's adapter, in order per destination, with retries and backoff on rate limits and
 * network errors, and survive restarts (they are rows, not promises).
 */
import { DeliveryError, type Adapter, type Destination } from "../adapters/types.js";
import { inTransaction, type Db } from "../storage/db.js";
import { setMemberUnreachable } from "../storage/members.js";
import { notePollSent } from "../storage/polls.js";
import {
  destinationOf,
  enqueueMessage,
  markHeld,
  markFailed,
  markRetry,
  markSending,
  markSent,
  messageOf,
  nextInQueue,
  outboxRowById,
  queueHeads,
  requeueInterrupted,
  setOutboxNote,
  type OutboxRow,
  type QueueHead,
} from "../storage/outbox.js";
import type { Clock } from "./clock.js";
import { filesDirFor, writeFile } from "./files.js";
import type { Logger } from "./logger.js";
import type { OutgoingMessage } from "./reply.js";

/** Options of the delivery loop. */
export interface OutboxOptions {
  db: Db;
  /** Adapters by platform name. */
  adapters: ReadonlyMap<string, Adapter>;
  clock: Clock;
  logger: Logger;
  /** Destinations served at the same time. Default 8. */
  concurrency?: number;
  /** First retry delay in ms, doubled at each attempt. Default 1,000. */
  baseDelayMs?: number;
  /** Longest delay between two attempts, in ms. Default 15 minutes. */
  maxDelayMs?: number;
  /**
   * Failed attempts (network, server errors) before a message is given up. Default 25 (about
   * 5 hours). A platform asking to slow down (429) does not count as a failure.
   */
  maxAttempts?: number;
  /** Age after which a message still slowed down by its platform is given up. Default 2 days. */
  maxAgeMs?: number;
  /** Delay before retrying a message whose platform is not connected now. Default 10 minutes. */
  noAdapterDelayMs?: number;
  /** Where files described by messages (`makeFile`) are written. Default: a temporary folder. */
  filesDir?: string;
}

/** How many destinations are looked at together (the oldest first). */
const BATCH = 500;

/** The key of a destination. */
function destinationKey(
  head: Pick<QueueHead, "platform" | "destinationKind" | "destinationId">,
): string {
  return `${head.platform}|${head.destinationKind}|${head.destinationId}`;
}

/** The outbox delivery loop. */
export class OutboxDelivery {
  private readonly inFlight = new Set<string>();
  /** The first pending message of each destination, kept between pumps. */
  private heads = new Map<string, QueueHead>();
  /** New messages were queued: the heads must be read again. */
  private stale = true;
  /** The last read filled the batch: more destinations may be waiting behind. */
  private truncated = false;
  private readonly concurrency: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxAttempts: number;
  private readonly maxAgeMs: number;
  private readonly noAdapterDelayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private idleWaiters: (() => void)[] = [];
  private pumpScheduled = false;
  private readonly log: Logger;

  constructor(private readonly options: OutboxOptions) {
    this.concurrency = options.concurrency ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 25;
    this.maxAgeMs = options.maxAgeMs ?? 2 * 86_400_000;
    this.noAdapterDelayMs = options.noAdapterDelayMs ?? 10 * 60_000;
    this.log = options.logger.child({ module: "outbox" });
  }

  /** Starts delivering, first putting back in the queue what a crash left half-sent. */
  start(): void {
    const requeued = requeueInterrupted(this.options.db);
    if (requeued > 0)
      this.log.warn({ requeued }, "messages interrupted by a stop are queued again");
    this.running = true;
    this.stale = true;
    this.pump();
  }

  /** Says that new messages were committed: deliver them now. */
  kick(): void {
    this.stale = true;
    if (this.running) this.pump();
  }

  /**
   * Resolves when nothing is due any more and nothing is being sent (messages waiting for a
   * later retry do not count). Used by the console and tests to keep output in order.
   */
  async drain(): Promise<void> {
    this.stale = true;
    this.pump();
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Delivers what is due for at most `ms` (a graceful shutdown); true when nothing due is
   * left, false when the time ran out first (what is left stays queued for the next start).
   */
  async drainFor(ms: number): Promise<boolean> {
    if (!this.running) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([this.drain().then(() => true as const), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts no new delivery; those in flight go on (see `settled`). */
  pause(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Waits (up to `graceMs`) for the deliveries in flight; true when none is left. */
  async settled(graceMs: number): Promise<boolean> {
    const deadline = Date.now() + graceMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.inFlight.size === 0;
  }

  /** Deliveries in flight now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Stops starting new deliveries and waits (up to `graceMs`) for those in flight. */
  async stop(graceMs = 5_000): Promise<void> {
    this.pause();
    await this.settled(graceMs);
  }

  private isIdle(): boolean {
    if (this.inFlight.size > 0) return false;
    const now = this.options.clock.now();
    return !queueHeads(this.options.db, BATCH).some(
      (head) => head.nextAttemptAt <= now && this.options.adapters.has(head.platform),
    );
  }

  /** Pumps once the current turn of the event loop is over (many deliveries end together). */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Reads the first pending message of each destination again (new messages were queued). */
  private reloadHeads(): void {
    const heads = queueHeads(this.options.db, BATCH);
    this.heads = new Map(heads.map((head) => [destinationKey(head), head]));
    this.truncated = heads.length === BATCH;
    this.stale = false;
  }

  private pump(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Destinations beyond the first batch come in as the batch empties.
    if (this.stale || (this.truncated && this.heads.size < BATCH / 2)) this.reloadHeads();
    const now = this.options.clock.now();
    let nextDue = Number.POSITIVE_INFINITY;
    // One message per destination at a time, the oldest first: each destination receives
    // its messages in the order they were queued.
    const heads = [...this.heads.entries()].sort(([, a], [, b]) => a.id - b.id);
    for (const [key, head] of heads) {
      if (this.inFlight.has(key)) continue;
      if (head.nextAttemptAt > now) {
        nextDue = Math.min(nextDue, head.nextAttemptAt);
        continue;
      }
      if (this.inFlight.size >= this.concurrency) break;
      const row = outboxRowById(this.options.db, head.id);
      if (!row || row.state !== "pending") {
        this.advance(key, head);
        continue;
      }
      this.inFlight.add(key);
      void this.deliver(row)
        .catch((error: unknown) => this.unrecorded(row, error))
        .finally(() => {
          this.inFlight.delete(key);
          if (!this.options.db.$client.open) return;
          this.advance(key, head);
          this.schedulePump();
        });
    }
    if (this.inFlight.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
    if (Number.isFinite(nextDue) && this.inFlight.size === 0) {
      // Real time and bot time run at the same pace; cap the wait so that a moved clock
      // (console :time) is noticed soon enough.
      const delay = Math.min(Math.max(nextDue - now, 10), 60_000);
      this.timer = setTimeout(() => this.pump(), delay);
      this.timer.unref();
    }
  }

  /** After a delivery (or a retry), the destination's first pending message, if any. */
  private advance(key: string, head: QueueHead): void {
    const next = nextInQueue(this.options.db, head);
    if (next) this.heads.set(key, next);
    else this.heads.delete(key);
  }

  /**
   * The outcome of a delivery could not be written: the database was closed under it (a stop
   * that outlasted its grace) or failed. The row stays `sending`, and the next start queues
   * it again; it is never taken for sent.
   */
  private unrecorded(row: OutboxRow, error: unknown): void {
    this.log.warn(
      { err: error, outboxId: row.id },
      "outcome of a delivery not recorded: the message will be sent again at the next start",
    );
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { db, clock } = this.options;
    const adapter = this.options.adapters.get(row.platform);
    if (!adapter) {
      markRetry(db, row.id, clock.now() + this.noAdapterDelayMs, `no ${row.platform} connection`);
      return;
    }
    markSending(db, row.id);
    try {
      const destination = destinationOf(row);
      const message = await this.withFile(row.id, messageOf(row));
      const answer = await adapter.send(destination, message, `soliterr-${row.id}`);
      const sent = typeof answer === "string" ? { messageId: answer } : answer;
      const { messageId } = sent;
      const note = message.pin ? await this.pin(adapter, destination, messageId) : undefined;
      // All at once, with no wait in between: whoever reads the row sees it sent with its note,
      // and a vote arriving at once finds the poll it answers.
      inTransaction(db, () => {
        markSent(db, row.id, messageId, clock.now());
        if (note) setOutboxNote(db, row.id, note);
        if (message.poll) notePollSent(db, row.id, messageId, sent.pollId);
      });
    } catch (error) {
      this.failed(row, error);
    }
  }

  /** The message with its file made, when it describes one. */
  private async withFile(id: number, message: OutgoingMessage): Promise<OutgoingMessage> {
    if (!message.makeFile) return message;
    const dir = this.options.filesDir ?? filesDirFor(":memory:");
    const attachment = await writeFile(dir, `m${id}`, message.makeFile);
    const { makeFile: _made, ...rest } = message;
    return { ...rest, attachment };
  }

  /**
   * Pins a message just sent to a room. A failure (the bot may not pin there) does not undo
   * the delivery: it is noted on the row, for the report of the broadcast.
   */
  private async pin(
    adapter: Adapter,
    destination: Destination,
    messageId: string,
  ): Promise<string | undefined> {
    if (destination.kind !== "room") return undefined;
    if (!adapter.pin) return "pin-failed: unsupported";
    try {
      await adapter.pin(destination.roomId, messageId);
      return "pinned";
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.warn({ roomId: destination.roomId, reason }, "could not pin a message");
      return `pin-failed: ${reason.slice(0, 200)}`;
    }
  }

  /**
   * The person never opened their private chat with the bot, or blocked it: keep the message
   * for when they come back (bot/pipeline.ts releases it), and send its fallback (a pointer
   * in the group the request came from), so that nothing is silently dropped.
   */
  private unreachable(row: OutboxRow, reason: string): void {
    const { db, clock } = this.options;
    const now = clock.now();
    inTransaction(db, () => {
      markHeld(db, row.id, reason);
      setMemberUnreachable(db, row.platform, row.destinationId, now);
      const fallback = messageOf(row).fallback;
      if (fallback)
        enqueueMessage(db, fallback.destination, fallback.message, now, `fallback:${row.id}`);
    });
    this.kick();
  }

  private failed(row: OutboxRow, error: unknown): void {
    const { db, clock } = this.options;
    const now = clock.now();
    const reason = error instanceof Error ? error.message : String(error);
    const attempt = row.attempts + 1;
    const log = this.log.child({ outboxId: row.id, platform: row.platform, attempt });
    if (
      error instanceof DeliveryError &&
      error.failure === "unreachable" &&
      row.destinationKind === "member"
    ) {
      this.unreachable(row, reason);
      log.info("person unreachable privately: message held until they come back");
      return;
    }
    // A platform asking to slow down is no failure of the message: it waits what was asked
    // (the attempt is not counted), up to an age after which it is out of date anyway.
    if (error instanceof DeliveryError && error.failure === "rate-limited") {
      if (now - row.createdAt > this.maxAgeMs) {
        log.error({ err: error }, "message given up: still slowed down after days");
        markFailed(db, row.id, reason);
        return;
      }
      const delay = error.retryAfterMs ?? this.baseDelayMs;
      log.debug({ retryInMs: delay }, "platform asked to slow down");
      markRetry(db, row.id, now + delay, reason, false);
      return;
    }
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    if (!retryable || attempt >= this.maxAttempts) {
      log.error({ err: error }, "message given up");
      markFailed(db, row.id, reason);
      return;
    }
    const delay = Math.min(this.baseDelayMs * 2 ** (attempt - 1), this.maxDelayMs);
    log.warn({ err: error, retryInMs: delay }, "delivery failed, will retry");
    markRetry(db, row.id, now + delay, reason);
  }
}
