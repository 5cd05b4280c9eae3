/**
 * The relay behind `/contacter` and `/repondre`: a message goes privately to the other side
 * of a conversation through the bot, with the sender's name and structure and never their
 * platform handle. Limits, blocks and counts live here too.
 */
import { UserError } from "../bot/errors.js";
import type { Translator } from "../bot/i18n.js";
import { message, paragraph, strong, type Button, type RichText } from "../bot/reply.js";
import {
  addThreadMessage,
  findThread,
  hasBlocked,
  messagesSentSince,
  openThread,
  threadById,
  threadsStartedSince,
  type ContactThread,
} from "../storage/contacts.js";
import { saveConversation } from "../storage/conversations.js";
import type { Listing } from "../storage/listings.js";
import { isErased, memberById, type Member } from "../storage/members.js";
import { structureOfMember } from "../storage/structures.js";
import { findListing } from "./listing-access.js";
import { assertNotMuted } from "./mute.js";
import { here, inPrivate, type CommandContext, type CommandResult, type Reply } from "./types.js";

/** Longest relayed message, in characters. */
export const MAX_CONTACT_MESSAGE = 2_000;
/** Default number of new conversations a member may start per day. */
export const DEFAULT_CONTACTS_PER_DAY = 10;
/** Default number of messages a member may send through the bot per day. */
export const DEFAULT_MESSAGES_PER_DAY = 60;
const DAY = 86_400_000;

/** Id of the flow that waits for the text of a message (after a "contact" or "reply" button). */
export const RELAY_FLOW = "relay";

/** What the relay flow waits for. */
export type RelayTarget = { listingId: number } | { threadId: number };

/**
 * The name other members see: the display name, unless it is the platform handle itself (a
 * Matrix account without a display name shows its localpart; a Telegram name can fall back
 * to the user id), in which case a neutral "Member 12".
 */
export function publicName(t: Translator, member: Member): string {
  const name = member.displayName.trim();
  const id = member.platformUserId;
  const isHandle =
    !name ||
    name === id ||
    // What the Matrix adapter falls back to, exactly: the localpart.
    name.replace(/^@/, "") === id.replace(/^@/, "").split(":")[0];
  return isHandle ? t("contact-member-number", { id: member.id }) : name;
}

/** How a member is named to others: "Ana (Boulangerie du Val)". Never a platform handle. */
export function senderLabel(
  ctx: Pick<CommandContext, "db">,
  t: Translator,
  member: Member,
): string {
  const structure = structureOfMember(ctx.db, member.id)?.structure;
  const name = publicName(t, member);
  return structure ? `${name} (${structure.name})` : name;
}

/** The other side of a conversation for `memberId`. */
export function otherSide(thread: ContactThread, memberId: number): number {
  return thread.requesterId === memberId ? thread.authorId : thread.requesterId;
}

/** The conversation with this number, if the person takes part in it. */
export function ownThread(ctx: CommandContext, id: number): ContactThread {
  const thread = threadById(ctx.db, id);
  if (!thread || (thread.requesterId !== ctx.member.id && thread.authorId !== ctx.member.id))
    throw new UserError("contact-thread-not-found", { id, messages: ctx.command("messages") });
  return thread;
}

/** Asks for the text of the message in the private chat (after a button without text). */
export function askForText(
  ctx: CommandContext,
  target: RelayTarget,
  prompt: string,
): CommandResult {
  saveConversation(
    ctx.db,
    {
      memberId: ctx.member.id,
      flow: RELAY_FLOW,
      step: "text",
      data: target,
      originRoomId: ctx.room.id,
    },
    ctx.now,
  );
  const question = message(
    [paragraph(prompt)],
    [[{ label: ctx.t("button-cancel"), command: ctx.command("cancel") }]],
  );
  if (ctx.room.kind === "direct") return here(question);
  return [
    here(message([paragraph(ctx.t("contact-continue-private", { name: ctx.member.displayName }))])),
    inPrivate(question),
  ];
}

function checkLength(text: string): void {
  if (text.length > MAX_CONTACT_MESSAGE)
    throw new UserError("contact-message-too-long", { max: MAX_CONTACT_MESSAGE });
}

function checkMessageLimit(ctx: CommandContext): void {
  const max = ctx.settings.contactMessagesPerDay ?? DEFAULT_MESSAGES_PER_DAY;
  if (messagesSentSince(ctx.db, ctx.member.id, ctx.now - DAY) >= max)
    throw new UserError("contact-messages-limit", { max });
}

/** The listing and its author, if the person may write to them about it; else why not. */
export function contactable(
  ctx: CommandContext,
  listingId: number,
): { listing: Listing; author: Member } {
  const listing = findListing(ctx, listingId);
  if (listing.authorId === ctx.member.id)
    throw new UserError("contact-own-listing", { id: listing.id });
  if (listing.status !== "open")
    throw new UserError("contact-listing-not-open", { id: listing.id });
  const author = memberById(ctx.db, listing.authorId);
  if (!author) throw new UserError("listing-not-found", { id: listing.id });
  if (hasBlocked(ctx.db, author.id, ctx.member.id)) throw new UserError("contact-blocked");
  return { listing, author };
}

/** `/contacter 42 <text>`: starts (or continues) the conversation with a listing's author. */
export function contactAuthor(ctx: CommandContext, listingId: number, text: string): Reply {
  const { listing, author } = contactable(ctx, listingId);
  assertNotMuted(ctx, listing.networkId);
  checkLength(text);
  if (!findThread(ctx.db, listing.id, ctx.member.id)) {
    const max = ctx.settings.contactsPerDay ?? DEFAULT_CONTACTS_PER_DAY;
    if (threadsStartedSince(ctx.db, ctx.member.id, ctx.now - DAY) >= max)
      throw new UserError("contact-daily-limit", { max });
  }
  checkMessageLimit(ctx);
  const { thread, created } = openThread(
    ctx.db,
    { listingId: listing.id, requesterId: ctx.member.id, authorId: author.id },
    ctx.now,
  );
  relay(ctx, thread, listing, author.id, text);
  if (created) {
    ctx.audit({
      action: "contact-started",
      networkId: listing.networkId,
      subjectMemberId: author.id,
      listingId: listing.id,
      details: { thread: thread.id },
    });
  }
  return here(
    message(
      [
        paragraph(
          ctx.t("contact-sent", {
            name: publicName(ctx.t, author),
            id: listing.id,
            thread: thread.id,
          }),
        ),
        // Said plainly: the message waits until the author opens their private chat with the bot.
        ...(author.unreachableSince === null
          ? []
          : [paragraph(ctx.t("contact-author-unreachable", { name: publicName(ctx.t, author) }))]),
      ],
      [[{ label: ctx.t("button-messages"), command: ctx.command("messages") }]],
    ),
  );
}

/** `/repondre 7 <text>`: continues a conversation. */
export function replyInThread(ctx: CommandContext, threadId: number, text: string): Reply {
  const thread = ownThread(ctx, threadId);
  checkLength(text);
  const to = otherSide(thread, ctx.member.id);
  const recipient = memberById(ctx.db, to);
  if (!recipient || isErased(recipient)) throw new UserError("contact-member-erased");
  if (hasBlocked(ctx.db, to, ctx.member.id)) throw new UserError("contact-blocked");
  checkMessageLimit(ctx);
  const listing = findListing(ctx, thread.listingId);
  assertNotMuted(ctx, listing.networkId);
  relay(ctx, thread, listing, to, text);
  const other = memberById(ctx.db, to);
  return here(
    message([
      paragraph(
        ctx.t("contact-reply-sent", {
          name: other ? publicName(ctx.t, other) : "",
          thread: thread.id,
        }),
      ),
    ]),
  );
}

/** Stores the message and queues it, in the recipient's language, to their private chat. */
function relay(
  ctx: CommandContext,
  thread: ContactThread,
  listing: Listing,
  to: number,
  text: string,
): void {
  addThreadMessage(ctx.db, thread.id, ctx.member.id, text, ctx.now);
  const toAuthor = to === listing.authorId;
  const sender = ctx.member;
  ctx.notifyMember(to, (t, command) =>
    relayedMessage(t, command, {
      thread,
      listing,
      from: senderLabel(ctx, t, sender),
      text,
      toAuthor,
      outcomeWord: (id) => ctx.catalog.word("outcomes", id, t.locale),
    }),
  );
}

/** The message a recipient sees, with buttons to answer, share, conclude, block or report. */
function relayedMessage(
  t: Translator,
  command: (id: string, ...args: (string | number)[]) => string,
  m: {
    thread: ContactThread;
    listing: Listing;
    from: string;
    text: string;
    toAuthor: boolean;
    outcomeWord: (id: string) => string;
  },
): RichText {
  const { thread, listing } = m;
  const buttons: Button[][] = [
    [
      { label: t("button-reply"), command: command("reply", thread.id) },
      { label: t("button-share-contact"), command: command("share", thread.id) },
    ],
  ];
  if (m.toAuthor && (listing.status === "open" || listing.status === "expired")) {
    buttons.push(
      ["promised", listing.kind === "offer" ? "given" : "received"].map((outcome) => ({
        label: t(`button-outcome-${outcome}`),
        command: command("conclude", thread.id, m.outcomeWord(outcome)),
      })),
    );
  }
  buttons.push([
    { label: t("button-block"), command: command("block", thread.id) },
    { label: t("button-report"), command: command("report", "message", thread.id) },
  ]);
  return message(
    [
      paragraph(
        strong(
          t(m.toAuthor ? "contact-incoming" : "contact-incoming-reply", {
            from: m.from,
            id: listing.id,
            title: listing.title,
            kind: t(`kind-${listing.kind}`),
          }),
        ),
      ),
      paragraph(m.text),
      paragraph(
        t("contact-incoming-how", { reply: command("reply", thread.id), thread: thread.id }),
      ),
    ],
    buttons,
  );
}
