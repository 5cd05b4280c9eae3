import { describe, expect, it } from "vitest";
import {
  inviterAllowed,
  messageText,
  moderatorLevel,
  powerLevelOf,
  stripReplyFallback,
} from "../../adapters/matrix/events.js";
import { renderMatrix } from "../../adapters/matrix/render.js";
import { escapeHtml, inlineKeyboard, renderHtml } from "../../adapters/telegram/render.js";
import { Throttle } from "../../adapters/telegram/throttle.js";
import { addressedToAnotherBot } from "../../adapters/telegram/updates.js";
import { list, message, paragraph, strong } from "../../bot/reply.js";

const bot = { userId: "@soliterr:example.org", localpart: "soliterr", displayName: "SoliTERR Bot" };

describe("Matrix messages", () => {
  it("reads commands typed with ! or /, and messages addressed to the bot by name", () => {
    expect(messageText("!chercher vélo", bot)).toBe("!chercher vélo");
    expect(messageText("/aide", bot)).toBe("/aide");
    expect(messageText("soliterr: chercher vélo", bot)).toBe("/chercher vélo");
    expect(messageText("SoliTERR Bot, aide", bot)).toBe("/aide");
    expect(messageText("@soliterr:example.org: !aide", bot)).toBe("!aide");
    expect(messageText("bonjour à tous", bot)).toBe("bonjour à tous");
  });

  it("drops the quoted fallback of a reply", () => {
    expect(stripReplyFallback("> <@ana:example.org> une question\n> suite\n\n!aide")).toBe("!aide");
    expect(messageText("> <@ana:example.org> ?\n\nsoliterr: aide", bot)).toBe("/aide");
    expect(stripReplyFallback("pas une réponse")).toBe("pas une réponse");
  });

  it("matches inviters against patterns", () => {
    expect(inviterAllowed("@ana:example.org", ["*:example.org"])).toBe(true);
    expect(inviterAllowed("@eve:evil.org", ["*:example.org"])).toBe(false);
    expect(inviterAllowed("@eve:example.org.evil.org", ["*:example.org"])).toBe(false);
    expect(inviterAllowed("@x:partner.org", ["@*:partner.org", "@ana:other.org"])).toBe(true);
  });

  it("makes moderators of members whose level reaches kick, ban or redact", () => {
    const levels = {
      users: { "@ana:x": 50, "@bob:x": 10 },
      users_default: 0,
      kick: 50,
      ban: 50,
      redact: 60,
    };
    expect(moderatorLevel(levels)).toBe(50);
    expect(powerLevelOf(levels, "@ana:x")).toBe(50);
    expect(powerLevelOf(levels, "@eve:x")).toBe(0);
    expect(moderatorLevel(undefined)).toBe(50);
    expect(moderatorLevel({ kick: 100, ban: 100, redact: 75 })).toBe(75);
  });

  it("renders escaped HTML and a plain body, buttons as ! command hints", () => {
    const [text] = renderMatrix(
      message(
        [paragraph(strong("<b>Lot</b> & co")), list([["un"], ["deux"]])],
        [[{ label: "Suivantes", command: "/plus 3 2" }]],
      ),
    );
    expect(text!.html).toBe(
      "<p><strong>&lt;b&gt;Lot&lt;/b&gt; &amp; co</strong></p><ul><li>un</li><li>deux</li></ul><ul><li>Suivantes — <code>!plus 3 2</code></li></ul>",
    );
    expect(text!.body).toBe("<b>Lot</b> & co\n\n• un\n• deux\n\n• Suivantes — !plus 3 2");
  });

  it("splits long messages into events under the limit, in order", () => {
    const texts = Array.from({ length: 30 }, (_, i) => `${i} ${"x".repeat(900)}`);
    const paragraphs = texts.map((text) => paragraph(text));
    const parts = renderMatrix(message(paragraphs), 10_000);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(Buffer.byteLength(part.body) + Buffer.byteLength(part.html)).toBeLessThanOrEqual(
        10_000,
      );
    }
    expect(parts.map((p) => p.body).join("\n\n")).toBe(texts.join("\n\n"));
  });
});

describe("Matrix events of escaped text", () => {
  it("keeps a long text of characters that HTML escapes within the event size", () => {
    const parts = renderMatrix(message([paragraph("<&>\"'".repeat(20_000))]));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(Buffer.byteLength(part.body) + Buffer.byteLength(part.html)).toBeLessThanOrEqual(
        56_000,
      );
    }
    expect(parts.map((p) => p.body).join("")).toBe("<&>\"'".repeat(20_000));
  });
});

describe("Telegram messages", () => {
  it("escapes user text for Telegram HTML", () => {
    expect(escapeHtml("<script>&")).toBe("&lt;script&gt;&amp;");
    expect(renderHtml(message([paragraph(strong("a<b"), " & c")]))).toEqual([
      "<b>a&lt;b</b> &amp; c",
    ]);
  });

  it("splits over 4,096 characters on block boundaries, and cuts a huge block without breaking an entity", () => {
    const blocks = Array.from({ length: 10 }, (_, i) => paragraph(`${i}:${"é".repeat(1000)}`));
    const chunks = renderHtml(message(blocks));
    expect(chunks.length).toBe(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096);
    const huge = renderHtml(message([paragraph("a&b ".repeat(3000))]));
    for (const chunk of huge) {
      expect(chunk.length).toBeLessThanOrEqual(4096);
      expect(chunk).not.toMatch(/&(a|am|amp)?$/);
    }
  });

  it("keeps callback data under 64 bytes and opens the private chat by deep link", () => {
    const keyboard = inlineKeyboard(
      message(
        [],
        [
          [
            { label: "Court", command: "/plus 1 2" },
            { label: "Long", command: `/modifier 12 lieu ${"Saint-".repeat(12)}` },
          ],
          [{ label: "Ouvrir", command: "/start offer", openPrivate: true }],
        ],
      ),
      { botUsername: "soliterr_bot", shortenCommand: () => "#b:key" },
    );
    expect(keyboard).toEqual({
      inline_keyboard: [
        [
          { text: "Court", callback_data: "/plus 1 2" },
          { text: "Long", callback_data: "#b:key" },
        ],
        [{ text: "Ouvrir", url: "https://t.me/soliterr_bot?start=offer" }],
      ],
    });
  });

  it("leaves commands addressed to another bot alone", () => {
    expect(addressedToAnotherBot("/chercher@other_bot vélo", "soliterr_bot")).toBe(true);
    expect(addressedToAnotherBot("/chercher@SoliTERR_bot vélo", "soliterr_bot")).toBe(false);
    expect(addressedToAnotherBot("/chercher vélo", "soliterr_bot")).toBe(false);
  });
});

describe("the Telegram throttle", () => {
  /** A throttle on a fake clock, recording when each message may leave. */
  function throttled(
    limits = { perSecond: 30, perPrivateChatPerSecond: 1, perGroupPerMinute: 20 },
  ) {
    let now = 0;
    const throttle = new Throttle(
      limits,
      () => now,
      (ms) => {
        now += ms;
        return Promise.resolve();
      },
    );
    return { throttle, now: () => now };
  }

  it("spaces messages to one chat by a second, and lets other chats go at once", async () => {
    const { throttle, now } = throttled();
    await throttle.take("1", false);
    await throttle.take("2", false);
    expect(now()).toBe(0);
    await throttle.take("1", false);
    expect(now()).toBeGreaterThanOrEqual(1000);
  });

  it("holds a group to twenty messages a minute", async () => {
    const { throttle, now } = throttled({
      perSecond: 1000,
      perPrivateChatPerSecond: 1000,
      perGroupPerMinute: 20,
    });
    for (let i = 0; i < 20; i++) await throttle.take("-100", true);
    expect(now()).toBeLessThan(1000);
    await throttle.take("-100", true);
    expect(now()).toBeGreaterThanOrEqual(60_000);
  });

  it("keeps under thirty messages a second overall", async () => {
    const { throttle, now } = throttled();
    for (let i = 0; i < 30; i++) await throttle.take(String(i), false);
    expect(now()).toBe(0);
    await throttle.take("x", false);
    expect(now()).toBeGreaterThanOrEqual(1000);
  });
});
