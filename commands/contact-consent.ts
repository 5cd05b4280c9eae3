/**
 * What the two sides of a conversation decide: `/partager_contact` (handles revealed only when
 * both agree), `/conclure` (the author records the outcome, which closes the listing),
 * `/bloquer` and `/debloquer`.
 */
import { UserError } from "../bot/errors.js";
import type { Translator } from "../bot/i18n.js";
import { message, paragraph, type Inline, type RichText } from "../bot/reply.js";
import { consentToShare, setBlocked, type ContactThread } from "../storage/contacts.js";
import { closeListing, listingById } from "../storage/listings.js";
import { memberById, type Member } from "../storage/members.js";
import { threadNumber } from "./contact.js";
import { otherSide, ownThread, publicName } from "./contact-relay.js";
import { resolveWord } from "./listing-input.js";
import { defineCommand, here, type CommandContext } from "./types.js";

/** A member's platform handle, as revealed when both sides agreed. */
function handleOf(t: Translator, member: Member): Inline[] {
  switch (member.platform) {
    case "matrix":
      return [
        t("contact-handle-matrix"),
        " ",
        {
          kind: "link",
          text: member.platformUserId,
          url: `https://matrix.to/#/${encodeURIComponent(member.platformUserId)}`,
        },
      ];
    case "telegram":
      return member.username
        ? [
            t("contact-handle-telegram-username"),
            " ",
            {
              kind: "link",
              text: `@${member.username}`,
              url: `https://t.me/${encodeURIComponent(member.username)}`,
            },
          ]
        : [t("contact-handle-telegram", { id: member.platformUserId })];
    default:
      return [t("contact-handle-other", { platform: member.platform, id: member.platformUserId })];
  }
}

function revealed(t: Translator, thread: ContactThread, other: Member): RichText {
  return message([
    paragraph(t("contact-shared", { name: publicName(t, other), thread: thread.id })),
    paragraph(...handleOf(t, other)),
  ]);
}

/** `/partager_contact 7` — offers to exchange handles; revealed only when both agree. */
export const shareCommand = defineCommand({
  id: "share",
  names: { fr: ["partager_contact", "partagercontact"], en: ["share_contact", "sharecontact"] },
  section: "contact",
  access: "everyone",
  args: threadNumber,
  run(ctx, { number }) {
    const before = ownThread(ctx, number);
    const thread = consentToShare(ctx.db, before, ctx.member.id);
    const otherId = otherSide(thread, ctx.member.id);
    const other = memberById(ctx.db, otherId);
    if (!other)
      throw new UserError("contact-thread-not-found", {
        id: number,
        messages: ctx.command("messages"),
      });
    const me = ctx.member;
    if (thread.requesterShares && thread.authorShares) {
      ctx.audit({
        action: "contact-shared",
        subjectMemberId: otherId,
        listingId: thread.listingId,
        details: { thread: thread.id },
      });
      ctx.notifyMember(otherId, (t) => revealed(t, thread, me));
      return here(revealed(ctx.t, thread, other));
    }
    const alreadyAsked =
      before.requesterId === me.id ? before.requesterShares : before.authorShares;
    if (!alreadyAsked) {
      ctx.notifyMember(otherId, (t, command) =>
        message(
          [
            paragraph(t("contact-share-offered", { name: publicName(t, me), thread: thread.id })),
            paragraph(t("contact-share-how", { share: command("share", thread.id) })),
          ],
          [[{ label: t("button-share-accept"), command: command("share", thread.id) }]],
        ),
      );
    }
    return here(
      message([
        paragraph(
          ctx.t("contact-share-waiting", { name: publicName(ctx.t, other), thread: thread.id }),
        ),
      ]),
    );
  },
});

/** `/conclure 7 promis|donne|recu` — the author records how the exchange ended; the listing closes. */
export const concludeCommand = defineCommand({
  id: "conclude",
  names: { fr: ["conclure"], en: ["conclude", "settle"] },
  section: "contact",
  access: "everyone",
  args: threadNumber,
  run(ctx, { number, rest }) {
    const thread = ownThread(ctx, number);
    const listing = listingById(ctx.db, thread.listingId);
    if (!listing || listing.authorId !== ctx.member.id)
      throw new UserError("contact-conclude-author-only", { id: thread.listingId });
    const [word] = rest;
    const requester = memberById(ctx.db, thread.requesterId);
    const name = requester ? publicName(ctx.t, requester) : "";
    if (!word) {
      return here(
        message(
          [paragraph(ctx.t("contact-conclude-which", { id: listing.id, name }))],
          [
            ["promised", "given", "received"].map((o) => ({
              label: ctx.t(`button-outcome-${o}`),
              command: ctx.command(
                "conclude",
                thread.id,
                ctx.catalog.word("outcomes", o, ctx.locale),
              ),
            })),
          ],
        ),
      );
    }
    if (listing.status !== "open" && listing.status !== "expired")
      throw new UserError(`listing-is-${listing.status}`, { id: listing.id });
    const outcome = resolveWord(ctx, "outcomes", word, "outcome-unknown");
    closeListing(ctx.db, listing.id, outcome, ctx.now);
    ctx.audit({
      action: "listing-closed",
      networkId: listing.networkId,
      listingId: listing.id,
      subjectMemberId: thread.requesterId,
      details: { outcome, thread: thread.id },
    });
    ctx.notifyMember(thread.requesterId, (t) =>
      message([
        paragraph(
          t("contact-concluded-notice", {
            name: publicName(t, ctx.member),
            id: listing.id,
            title: listing.title,
            outcome: t(`outcome-${outcome}`),
          }),
        ),
      ]),
    );
    return here(
      message([
        paragraph(
          ctx.t("contact-concluded", {
            id: listing.id,
            outcome: ctx.t(`outcome-${outcome}`),
            name,
          }),
        ),
      ]),
      ctx.fromButton,
    );
  },
});

function setBlock(ctx: CommandContext, number: number, blocked: boolean) {
  const thread = ownThread(ctx, number);
  const otherId = otherSide(thread, ctx.member.id);
  const other = memberById(ctx.db, otherId);
  setBlocked(ctx.db, ctx.member.id, otherId, blocked, ctx.now);
  ctx.audit({
    action: blocked ? "member-blocked" : "member-unblocked",
    subjectMemberId: otherId,
    details: { thread: thread.id },
  });
  const name = other ? publicName(ctx.t, other) : "";
  return here(
    message(
      [
        paragraph(
          ctx.t(blocked ? "contact-blocked-done" : "contact-unblocked-done", {
            name,
            thread: thread.id,
          }),
        ),
      ],
      blocked
        ? [[{ label: ctx.t("button-unblock"), command: ctx.command("unblock", thread.id) }]]
        : [],
    ),
  );
}

/** `/bloquer 7` — the other side of conversation 7 can no longer write to you through the bot. */
export const blockCommand = defineCommand({
  id: "block",
  names: { fr: ["bloquer"], en: ["block"] },
  section: "contact",
  access: "everyone",
  args: threadNumber,
  run: (ctx, { number }) => setBlock(ctx, number, true),
});

/** `/debloquer 7` — lifts a block. */
export const unblockCommand = defineCommand({
  id: "unblock",
  names: { fr: ["debloquer"], en: ["unblock"] },
  section: "contact",
  access: "everyone",
  args: threadNumber,
  run: (ctx, { number }) => setBlock(ctx, number, false),
});
