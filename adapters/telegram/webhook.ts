/**
 * Webhook mode: Telegram POSTs each update to the bot's public URL. The secret token header
 * is checked on every request; the answer (200) is given only once the update's effects are
 * committed, so that Telegram sends again what a crash interrupted.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import type { Logger } from "../../bot/logger.js";

/** Largest update accepted, in bytes. */
const MAX_BODY = 1_000_000;

/** Options of the webhook server. */
export interface WebhookOptions {
  /** The public URL Telegram calls; its path is the one served. */
  url: string;
  /** Checked against the X-Telegram-Bot-Api-Secret-Token header. */
  secret: string;
  host: string;
  port: number;
  logger: Logger;
  onUpdate: (update: Update) => Promise<void>;
}

/** A running webhook server. */
export interface WebhookServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new Error("update too large");
    parts.push(buffer);
  }
  return Buffer.concat(parts).toString("utf8");
}

/** Starts the webhook server. */
export async function startWebhookServer(options: WebhookOptions): Promise<WebhookServer> {
  const path = new URL(options.url).pathname;
  const server: Server = createServer((request, response) => {
    const reply = (status: number) => {
      response.writeHead(status).end();
    };
    if (request.method !== "POST" || request.url !== path) return reply(404);
    if (!sameSecret(request.headers["x-telegram-bot-api-secret-token"], options.secret)) {
      options.logger.warn(
        { from: request.socket.remoteAddress },
        "webhook call with a wrong secret token",
      );
      return reply(401);
    }
    readBody(request)
      .then((body) => options.onUpdate(JSON.parse(body) as Update))
      .then(
        () => reply(200),
        (error: unknown) => {
          options.logger.error(
            { err: error },
            "webhook update not handled; Telegram will send it again",
          );
          reply(500);
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
