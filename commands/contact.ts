/**
 * Contact between members through the bot: `/contacter`, `/repondre` and `/messages`. The
 * relay itself is in contact-relay.ts; what both sides decide (sharing handles, the outcome,
 * blocking) in contact-consent.ts; reports (`/signaler`) in report.ts.
 */
import { z } from "zod";
import { list, message, paragraph, strong, type Inline } from "../bot/reply.js";
import { lastMessageOf, threadsOfMember, type ContactThread } from "../storage/contacts.js";
import { endConversation, getConversation } from "../storage/conversations.js";
import { listingById } from "../storage/listings.js";
import { memberById } from "../storage/members.js";
import { listingNumber, noArgs, parsedArgs } from "./args.js";
import {
  RELAY_FLOW,
  askForText,
  contactAuthor,
  contactable,
  otherSide,
  ownThread,
  publicName,
  replyInThread,
  type RelayTarget,
} from "./contact-relay.js";
import { defineCommand, here, type CommandContext, type Flow } from "./types.js";

/** A number (listing or conversation) and the text after it. */
const numberAndText = parsedArgs
  .transform((a) => ({ number: a.words[0], text: a.text.replace(/^#?\d+\s*/, "").trim() }))
  .pipe(z.object({ number: listingNumber, text: z.string() }));

/** A conversation number as typed (`7`, `#7` or `n°7`). */
export const threadNumber = parsedArgs
  .transform((a) => ({ number: a.words[0]?.replace(/^n°/i, ""), rest: a.words.slice(1) }))
  .pipe(z.object({ number: listingNumber, rest: z.array(z.string()) }));

/** `/contacter 42 <message>` — writes privately to a listing's author through the bot. */
export const contactCommand = defineCommand({
  id: "contact",
  names: { fr: ["contacter", "ecrire"], en: ["contact", "write"] },
  section: "contact",
  access: "everyone",
  membersOnly: true,
  args: numberAndText,
  run(ctx, { number, text }) {
    if (!text) {
      // Refused now rather than after the person has written their message.
      const { listing } = contactable(ctx, number);
      return askForText(
        ctx,
        { listingId: number },
        ctx.t("contact-ask-text", { id: number, title: listing.title }),
      );
    }
    return contactAuthor(ctx, number, text);
  },
});

/** `/repondre 7 <message>` — answers in a conversation. */
export const replyCommand = defineCommand({
  id: "reply",
  names: { fr: ["repondre"], en: ["reply", "answer"] },
  section: "contact",
  access: "everyone",
  args: numberAndText,
  run(ctx, { number, text }) {
    if (!text) {
      const thread = ownThread(ctx, number);
      const other = memberById(ctx.db, otherSide(thread, ctx.member.id));
      return askForText(
        ctx,
        { threadId: thread.id },
        ctx.t("contact-ask-reply", {
          thread: thread.id,
          name: other ? publicName(ctx.t, other) : "",
        }),
      );
    }
    return replyInThread(ctx, number, text);
  },
});

/** The guided part: the text typed after a "contact" or "reply" button. */
export const relayFlow: Flow = {
  id: RELAY_FLOW,
  answer(ctx, text) {
    const conversation = getConversation<RelayTarget>(ctx.db, ctx.member.id);
    if (!conversation) return undefined;
    const body = text.trim();
    if (!body) return undefined;
    endConversation(ctx.db, ctx.member.id);
    const target = conversation.data;
    return "listingId" in target
      ? contactAuthor(ctx, target.listingId, body)
      : replyInThread(ctx, target.threadId, body);
  },
};

/** Most conversations `/messages` lists. */
const THREADS_SHOWN = 15;
/** Longest excerpt of the last message in the list. */
const EXCERPT = 80;

function threadLine(ctx: CommandContext, thread: ContactThread): Inline[] {
  const listing = listingById(ctx.db, thread.listingId);
  const other = memberById(ctx.db, otherSide(thread, ctx.member.id));
  const last = lastMessageOf(ctx.db, thread.id);
  const excerpt =
    last && last.body.length > EXCERPT ? `${last.body.slice(0, EXCERPT - 1)}…` : last?.body;
  return [
    strong(ctx.t("contact-thread-number", { thread: thread.id })),
    " ",
    ctx.t(
      thread.requesterId === ctx.member.id
        ? "contact-thread-you-wrote"
        : "contact-thread-wrote-you",
      {
        name: other ? publicName(ctx.t, other) : ctx.t("author-unknown"),
        id: thread.listingId,
        title: listing?.title ?? "",
      },
    ),
    ...(last
      ? [
          " — ",
          ctx.t(
            last.senderId === ctx.member.id ? "contact-thread-last-mine" : "contact-thread-last",
            {
              text: excerpt ?? "",
              date: new Date(thread.lastMessageAt),
            },
          ),
        ]
      : []),
  ];
}

/** `/messages` — the person's conversations, most recent first. */
export const messagesCommand = defineCommand({
  id: "messages",
  names: { fr: ["messages", "conversations"], en: ["messages", "inbox"] },
  section: "contact",
  access: "everyone",
  args: noArgs,
  run(ctx) {
    const threads = threadsOfMember(ctx.db, ctx.member.id, THREADS_SHOWN);
    if (threads.length === 0)
      return here(
        message([paragraph(ctx.t("contact-no-threads", { search: ctx.command("search") }))]),
      );
    return here(
      message(
        [
          paragraph(strong(ctx.t("contact-threads-heading", { count: threads.length }))),
          list(threads.map((thread) => threadLine(ctx, thread))),
          paragraph(ctx.t("contact-threads-how", { reply: ctx.command("reply") })),
        ],
        threads.slice(0, 5).map((thread) => [
          {
            label: ctx.t("button-reply-thread", { thread: thread.id }),
            command: ctx.command("reply", thread.id),
          },
        ]),
      ),
    );
  },
});
