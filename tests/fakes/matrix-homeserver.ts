/**
 * An HTTP fake of the Matrix client-server API for wire tests: point matrix-bot-sdk at
 * `new MatrixClient(fake.url, fake.accessToken)`.
 *
 * It keeps rooms, their state and timelines in one global event stream, long-polls /sync like a
 * homeserver (a request with `since` is held until something new arrives or `timeout` ends),
 * checks memberships and power levels on what the bot does, records every call and everything the
 * bot sends, and can inject failures. Unsupported endpoints answer 404 M_UNRECOGNIZED; it never
 * answers a 5xx unless told to.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encodeAnswer, findRoute, readBody, splitPath, unsupported } from "./matrix-routes.js";
import { buildSync, emptySync, parseSyncQuery, type SyncQuery } from "./matrix-sync.js";
import {
  isObject,
  MatrixApiError,
  NOT_JSON,
  parseJson,
  type InjectedResponse,
  type InterceptedRequest,
  type Interceptor,
  type RecordedCall,
} from "./matrix-types.js";
import { MatrixUsers } from "./matrix-users.js";
import { realClearTimeout, realSetImmediate, realSetTimeout } from "./matrix-world.js";

export * from "./matrix-types.js";
export type { CreateRoomOptions, SendMessageOptions } from "./matrix-users.js";
export { SPEC_VERSIONS } from "./matrix-routes.js";

/** Options of startFakeHomeserver. */
export interface FakeHomeserverOptions {
  /** Default `example.org`. */
  serverName?: string;
  /** Default `@soliterr:<serverName>`. */
  botUserId?: string;
  /** Default `syt_fake_soliterr_token`. */
  accessToken?: string;
  /** Timeline events of an initial sync or a newly joined room, when the filter sets none (20). */
  timelineLimit?: number;
  /** Answer keys/upload and keys/query with empty results (no crypto is implemented). */
  crypto?: boolean;
}

interface Failure {
  method: string;
  pattern: string | RegExp;
  response: InjectedResponse | "drop";
  times: number;
}

interface PendingSync {
  res: ServerResponse;
  call: RecordedCall;
  q: SyncQuery & { since: number };
  timer: ReturnType<typeof setTimeout>;
}

/** A running fake homeserver and everything it recorded. */
export class FakeHomeserver extends MatrixUsers {
  /** The homeserver URL to give the client. */
  url = "";
  /** Called for every request after failNext/dropNext: return an answer or "drop" to inject it. */
  interceptor: Interceptor | undefined;
  private readonly failures: Failure[] = [];
  private readonly pending = new Set<PendingSync>();
  private wakeScheduled = false;
  private stopped = false;
  private readonly server: Server;

  constructor(
    serverName: string,
    botUserId: string,
    accessToken: string,
    private readonly options: { timelineLimit: number; crypto: boolean },
  ) {
    super(serverName, botUserId, accessToken);
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Binds 127.0.0.1 on a free port. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * Answers the next `times` requests of `method` ("*" for any) whose decoded path contains
   * `pathPattern` (or matches it) with `response`, e.g. 429 M_LIMIT_EXCEEDED.
   */
  failNext(
    method: string,
    pathPattern: string | RegExp,
    response: InjectedResponse,
    times = 1,
  ): void {
    this.failures.push({ method: method.toUpperCase(), pattern: pathPattern, response, times });
  }

  /** Destroys the socket of the next `times` matching requests without answering. */
  dropNext(pathPattern: string | RegExp, times = 1, method = "*"): void {
    this.failures.push({
      method: method.toUpperCase(),
      pattern: pathPattern,
      response: "drop",
      times,
    });
  }

  /** How many /sync long polls are being held. */
  get pendingSyncs(): number {
    return this.pending.size;
  }

  /** Answers held /syncs at once (empty), fails waitForSent calls and closes the server. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const flushed: Array<Promise<unknown>> = [];
    for (const p of [...this.pending]) {
      this.endSync(p);
      if (p.res.destroyed) continue;
      flushed.push(new Promise((resolve) => p.res.once("close", resolve)));
      p.res.setHeader("connection", "close");
      this.reply(p.res, p.call, 200, emptySync(`s${p.q.since}`));
    }
    this.rejectWaiters(new Error("the fake homeserver was stopped"));
    await Promise.all(flushed);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  protected override changed(): void {
    if (this.pending.size === 0 || this.wakeScheduled) return;
    // Answer on the next turn, so that events appended together arrive in one batch.
    this.wakeScheduled = true;
    realSetImmediate(() => {
      this.wakeScheduled = false;
      for (const p of [...this.pending]) {
        const built = buildSync(this, p.q);
        if (built.empty) continue;
        this.endSync(p);
        this.reply(p.res, p.call, 200, built.body);
      }
    });
  }

  private endSync(p: PendingSync): void {
    realClearTimeout(p.timer);
    this.pending.delete(p);
  }

  private injected(req: InterceptedRequest): InjectedResponse | "drop" | undefined {
    const index = this.failures.findIndex(
      (f) =>
        (f.method === "*" || f.method === req.method) &&
        (typeof f.pattern === "string" ? req.path.includes(f.pattern) : f.pattern.test(req.path)),
    );
    const failure = this.failures[index];
    if (failure) {
      if (--failure.times <= 0) this.failures.splice(index, 1);
      return failure.response;
    }
    return this.interceptor?.(req);
  }

  private reply(
    res: ServerResponse,
    call: RecordedCall | undefined,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (call) {
      call.status = status;
      if (isObject(body) && typeof body.errcode === "string") call.errcode = body.errcode;
    }
    if (res.headersSent || res.destroyed) return;
    const { data, headers: own } = encodeAnswer(body);
    res.writeHead(status, { ...own, ...headers, "content-length": data.length });
    res.end(data);
  }

  private fail(res: ServerResponse, call: RecordedCall | undefined, e: MatrixApiError): void {
    this.reply(res, call, e.status, e.body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let call: RecordedCall | undefined;
    try {
      const raw = await readBody(req);
      const url = new URL(req.url ?? "/", "http://fake.invalid");
      const method = (req.method ?? "GET").toUpperCase();
      let path: string;
      try {
        path = url.pathname
          .split("/")
          .map((s) => decodeURIComponent(s))
          .join("/");
      } catch {
        return this.fail(res, undefined, unsupported(400, method, req.url ?? ""));
      }
      const query = new URLSearchParams(url.search);
      const token = query.get("access_token");
      query.delete("access_token");
      const where = splitPath(url.pathname);
      const found = where && findRoute(method, where.space, where.segments, this.options.crypto);
      const route = typeof found === "object" ? found.route : undefined;
      const contentType = req.headers["content-type"] ?? "";
      const json = raw.length === 0 || route?.rawBody ? undefined : parseJson(raw);
      const recordedBody =
        raw.length === 0
          ? undefined
          : route?.rawBody
            ? { bytes: raw.length, contentType }
            : json === NOT_JSON
              ? raw.toString("utf8")
              : json;
      call = {
        method,
        path,
        query: Object.fromEntries(query),
        body: recordedBody,
        status: "pending",
        at: Date.now(),
      };
      this.calls.push(call);
      const forced = this.injected({ method, path, query: call.query, body: recordedBody });
      if (forced === "drop") {
        call.status = "dropped";
        req.socket.destroy();
        return;
      }
      if (forced) return this.reply(res, call, forced.status, forced.body ?? {}, forced.headers);
      if (!found || found === "method")
        return this.fail(res, call, unsupported(found ? 405 : 404, method, path));
      if (!found.route.noAuth) this.authenticate(req, token);
      if (json === NOT_JSON) throw new MatrixApiError(400, "M_NOT_JSON", "Content not JSON.");
      if (found.route.sync) return this.sync(query, call, res);
      const ctx = { hs: this, params: found.params, query, body: json, raw, contentType };
      this.reply(res, call, 200, found.route.handler(ctx));
    } catch (e) {
      // A bug in the fake must fail the call loudly, never as a 5xx that a client would retry.
      const error =
        e instanceof MatrixApiError
          ? e
          : new MatrixApiError(
              400,
              "M_UNKNOWN",
              `the fake failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
            );
      this.fail(res, call, error);
    }
  }

  private authenticate(req: IncomingMessage, queryToken: string | null): void {
    const header = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const token = header ?? queryToken;
    if (!token) throw new MatrixApiError(401, "M_MISSING_TOKEN", "Missing access token");
    if (token !== this.accessToken)
      throw new MatrixApiError(401, "M_UNKNOWN_TOKEN", "Invalid access token passed.", {
        soft_logout: false,
      });
  }

  private sync(query: URLSearchParams, call: RecordedCall, res: ServerResponse): void {
    const { q, timeout, record } = parseSyncQuery(this, query, this.options.timelineLimit);
    this.syncs.push(record);
    const built = buildSync(this, q);
    const since = q.since;
    if (since === undefined || !built.empty || timeout === 0 || this.stopped)
      return this.reply(res, call, 200, built.body);
    const p: PendingSync = {
      res,
      call,
      q: { ...q, since },
      timer: realSetTimeout(() => {
        if (!this.pending.has(p)) return;
        this.endSync(p);
        this.reply(res, call, 200, buildSync(this, p.q).body);
      }, timeout),
    };
    this.pending.add(p);
    res.once("close", () => {
      if (!this.pending.has(p)) return;
      this.endSync(p);
      call.status = "aborted";
    });
  }
}

/** Starts a fake homeserver on 127.0.0.1 (a free port); stop it with `stop()`. */
export async function startFakeHomeserver(
  options: FakeHomeserverOptions = {},
): Promise<FakeHomeserver> {
  const serverName = options.serverName ?? "example.org";
  const fake = new FakeHomeserver(
    serverName,
    options.botUserId ?? `@soliterr:${serverName}`,
    options.accessToken ?? "syt_fake_soliterr_token",
    { timelineLimit: options.timelineLimit ?? 20, crypto: options.crypto ?? false },
  );
  await fake.listen();
  return fake;
}
