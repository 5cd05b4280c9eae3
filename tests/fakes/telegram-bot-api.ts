/**
 * An HTTP fake of the Telegram Bot API for wire tests: point grammY at it with
 * `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`.
 *
 * It long-polls like Telegram (getUpdates holds until an update or the timeout), validates what
 * the bot sends (HTML, lengths, buttons, chat access) with Telegram's error texts, records every
 * call and message, and can inject failures or enforce flood limits. It never answers a 5xx
 * unless told to: grammY retries those and a test would hang.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RateLimiter, type LimitViolations, type RateLimits } from "./telegram-limits.js";
import { HANDLERS, SENDING_METHODS } from "./telegram-methods.js";
import {
  ApiError,
  type RecordedCall,
  type TelegramError,
  type TgUpdate,
} from "./telegram-types.js";
import { decodeParams, readBody, readInt, readJson, type Params } from "./telegram-wire.js";
import { TelegramActors } from "./telegram-actors.js";

export * from "./telegram-types.js";
export type { LimitViolations, RateLimits } from "./telegram-limits.js";
export { parseTelegramHtml, botCommandEntities } from "./telegram-text.js";
export { UploadedFile, type Params } from "./telegram-wire.js";

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetImmediate = globalThis.setImmediate;

/** Options of startFakeTelegram. */
export interface FakeTelegramOptions {
  /** Bot token; the number before ":" becomes the bot's id. */
  token?: string;
  /** The bot's username (without @). */
  botUsername?: string;
}

/** What an injected failure does: answer this error, or "drop" the connection unanswered. */
export type InjectedFailure = TelegramError | "drop";

/** Decides per call whether to fail it (undefined: handle normally). */
export type Interceptor = (method: string, params: Params) => InjectedFailure | undefined;

/** Update types Telegram leaves out when allowed_updates is empty or was never given. */
const NOT_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const CANONICAL = new Map(
  ["getUpdates", ...Object.keys(HANDLERS)].map((m) => [m.toLowerCase(), m]),
);

interface Poll {
  res: ServerResponse;
  call: RecordedCall;
  limit: number;
  timer: ReturnType<typeof setTimeout>;
}

function updateType(update: TgUpdate): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "";
}

/** A running fake Telegram server and everything it recorded. */
export class FakeTelegram extends TelegramActors {
  /** Give this to grammY as `client.apiRoot`. */
  apiRoot = "";
  /** How many getUpdates calls arrived. */
  getUpdatesCalls = 0;
  /** The offset of every getUpdates call (undefined when none was given). */
  readonly offsets: Array<number | undefined> = [];
  /** The last allowed_updates list given to getUpdates. */
  allowedUpdates: string[] | undefined;
  /** Updates dropped because their type was not allowed. */
  readonly filteredUpdates: TgUpdate[] = [];
  /** Called for every call after failNext/dropNext: return an error (or "drop") to inject it. */
  interceptor: Interceptor | undefined;
  private readonly failures = new Map<string, Array<{ error: InjectedFailure; times: number }>>();
  private limiter: RateLimiter | undefined;
  private poll: Poll | undefined;
  private deliveryScheduled = false;
  private stopped = false;
  private readonly server: Server;

  constructor(token: string, botUsername: string) {
    super(token, botUsername);
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Binds 127.0.0.1 on a free port. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers the next `times` calls of `method` with `error` (HTTP status = error_code). */
  failNext(method: string, error: TelegramError, times = 1): void {
    const key = method.toLowerCase();
    this.failures.set(key, [...(this.failures.get(key) ?? []), { error, times }]);
  }

  /** Destroys the connection of the next `times` calls of `method` without answering (a network error). */
  dropNext(method: string, times = 1): void {
    const key = method.toLowerCase();
    this.failures.set(key, [...(this.failures.get(key) ?? []), { error: "drop", times }]);
  }

  /**
   * Makes sends (sendMessage, sendDocument, sendPhoto) over the limits answer 429 with a
   * retry_after; `false` turns it off. Defaults: 30/s overall, 1/s per chat, 20/min per group.
   */
  enforceLimits(
    limits: Partial<RateLimits> | false = {},
    now: () => number = () => Date.now(),
  ): void {
    this.limiter =
      limits === false
        ? undefined
        : new RateLimiter(
            { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20, ...limits },
            now,
          );
  }

  /** Sends refused by enforceLimits so far. */
  get limitViolations(): LimitViolations {
    return this.limiter?.violations ?? { total: 0, perSecond: 0, perChat: 0, perGroup: 0 };
  }

  /** Closes the server; a pending long poll is answered `[]` at once, waitForSent calls fail. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const poll = this.endPoll();
    const flushed = poll
      ? new Promise((resolve) => poll.res.once("close", resolve))
      : Promise.resolve();
    if (poll) {
      poll.res.setHeader("connection", "close");
      this.reply(poll.res, poll.call, undefined, []);
    }
    this.rejectWaiters(new Error("the fake Telegram server was stopped"));
    await flushed;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  protected override updatesChanged(): void {
    if (!this.poll || this.deliveryScheduled) return;
    // Deliver on the next turn, so that updates pushed together arrive in one batch.
    this.deliveryScheduled = true;
    realSetImmediate(() => {
      this.deliveryScheduled = false;
      const poll = this.poll;
      if (!poll) return;
      const ready = this.deliverable(poll.limit);
      if (ready.length === 0) return;
      this.endPoll();
      this.reply(poll.res, poll.call, undefined, ready);
    });
  }

  private endPoll(): Poll | undefined {
    const poll = this.poll;
    if (poll) realClearTimeout(poll.timer);
    this.poll = undefined;
    return poll;
  }

  private injected(method: string, params: Params): InjectedFailure | undefined {
    const queue = this.failures.get(method.toLowerCase());
    const head = queue?.[0];
    if (queue && head) {
      if (--head.times <= 0) queue.shift();
      return head.error;
    }
    return this.interceptor?.(method, params);
  }

  private reply(
    res: ServerResponse,
    call: RecordedCall | undefined,
    error?: TelegramError,
    result?: unknown,
  ): void {
    const status = error
      ? error.error_code >= 400 && error.error_code < 600
        ? error.error_code
        : 400
      : 200;
    const body = JSON.stringify(error ? { ok: false, ...error } : { ok: true, result });
    if (call) call.status = status;
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let call: RecordedCall | undefined;
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://fake.invalid");
      const route = /^\/bot([^/]*)\/([^/]+)\/?$/.exec(url.pathname);
      if (!route) return this.reply(res, undefined, { error_code: 404, description: "Not Found" });
      if (route[1] !== this.token)
        return this.reply(res, undefined, { error_code: 401, description: "Unauthorized" });
      const name = route[2] ?? "";
      const method = CANONICAL.get(name.toLowerCase()) ?? name;
      call = { method, params: {}, at: Date.now(), status: "pending" };
      this.calls.push(call);
      call.params = decodeParams(url, req.headers["content-type"] ?? "", body);
      const injected = this.injected(method, call.params);
      if (injected === "drop") {
        call.status = "dropped";
        req.socket.destroy();
        return;
      }
      if (injected) return this.reply(res, call, injected);
      if (method === "getUpdates") return this.getUpdates(call, res);
      const handler = HANDLERS[method];
      if (!handler)
        return this.reply(res, call, {
          error_code: 404,
          description: `Not Found: method ${name} is not supported by the fake`,
        });
      const chatId = Number(call.params.chat_id);
      const limited = this.limiter && SENDING_METHODS.has(method) && Number.isSafeInteger(chatId);
      const retryAfter = limited ? this.limiter?.check(chatId) : undefined;
      if (retryAfter !== undefined)
        return this.reply(res, call, {
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        });
      const result = handler(this, call.params);
      if (limited) this.limiter?.commit(chatId);
      this.reply(res, call, undefined, result);
    } catch (e) {
      // A bug in the fake must fail the call loudly, never as a 5xx that grammY would retry.
      const error =
        e instanceof ApiError
          ? e.error
          : {
              error_code: 400,
              description: `Bad Request: the fake failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
            };
      this.reply(res, call, error);
    }
  }

  private getUpdates(call: RecordedCall, res: ServerResponse): void {
    const p = call.params;
    this.getUpdatesCalls++;
    const offset = readInt(p, "offset");
    this.offsets.push(offset);
    const limit = Math.min(100, Math.max(1, readInt(p, "limit") ?? 100));
    const timeout = Math.max(0, readInt(p, "timeout") ?? 0);
    const allowed = readJson(p, "allowed_updates");
    if (Array.isArray(allowed)) this.allowedUpdates = allowed.map(String);
    if (this.webhook)
      return this.reply(res, call, {
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
    if (offset !== undefined) this.confirm(offset);
    const previous = this.endPoll();
    if (previous)
      this.reply(previous.res, previous.call, {
        error_code: 409,
        description:
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      });
    const ready = this.deliverable(limit);
    if (ready.length > 0 || timeout === 0 || this.stopped)
      return this.reply(res, call, undefined, ready);
    const poll: Poll = {
      res,
      call,
      limit,
      timer: realSetTimeout(() => {
        if (this.poll !== poll) return;
        this.endPoll();
        this.reply(res, call, undefined, []);
      }, timeout * 1000),
    };
    this.poll = poll;
    res.once("close", () => {
      if (this.poll !== poll) return;
      this.endPoll();
      call.status = "aborted";
    });
  }

  /** Forgets updates below `offset` (a negative offset keeps only the last -offset ones). */
  private confirm(offset: number): void {
    const keepFrom =
      offset >= 0
        ? this.queue.findIndex((u) => u.update_id >= offset)
        : Math.max(0, this.queue.length + offset);
    this.queue.splice(0, keepFrom < 0 ? this.queue.length : keepFrom);
  }

  /** Up to `limit` queued updates of allowed types; updates of other types are dropped. */
  private deliverable(limit: number): TgUpdate[] {
    const allowed = this.allowedUpdates?.length ? new Set(this.allowedUpdates) : undefined;
    const out: TgUpdate[] = [];
    for (let k = 0; k < this.queue.length && out.length < limit;) {
      const update = this.queue[k]!;
      const type = updateType(update);
      if (allowed ? allowed.has(type) : !NOT_BY_DEFAULT.has(type)) {
        out.push(update);
        k++;
      } else {
        this.filteredUpdates.push(update);
        this.queue.splice(k, 1);
      }
    }
    return out;
  }
}

/** Starts a fake Telegram Bot API on 127.0.0.1 (a free port); stop it with `stop()`. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegram(
    options.token ?? "7000000001:AAFakeTokenForTestsOnly-0123456789ab",
    options.botUsername ?? "soliterr_test_bot",
  );
  await fake.listen();
  return fake;
}
