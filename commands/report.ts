/**
 * `/signaler 42 <motif>` reports a listing, `/signaler message 7 <motif>` the messages of a
 * conversation, to the animators of the listing's network (and the territory's
 * administrators), privately, with buttons to act on it. Every report is kept for review
 * (`/signalements`, commands/reports.ts) and is in the audit log.
 */
import { z } from "zod";
import { UserError } from "../bot/errors.js";
import { message, paragraph, strong } from "../bot/reply.js";
import { lastMessageOf } from "../storage/contacts.js";
import type { Listing } from "../storage/listings.js";
import { memberById } from "../storage/members.js";
import { networkById } from "../storage/networks.js";
import { listingNumber, parsedArgs } from "./args.js";
import { otherSide, ownThread } from "./contact-relay.js";
import { reportButtons } from "./report-actions.js";
import { findListing } from "./listing-access.js";
import { deciders } from "./moderators.js";
import { createReport } from "../storage/reports.js";
import { defineCommand, here, type CommandContext } from "./types.js";

const MESSAGE_WORDS = new Set(["message", "conversation", "msg"]);

const reportArgs = parsedArgs
  .transform((a) => {
    const aboutMessage = MESSAGE_WORDS.has((a.words[0] ?? "").toLowerCase());
    const words = aboutMessage ? a.words.slice(1) : a.words;
    return {
      aboutMessage,
      number: words[0],
      reason: words.slice(1).join(" ").trim(),
    };
  })
  .pipe(
    z.object({
      aboutMessage: z.boolean(),
      number: listingNumber,
      reason: z.string().max(500, { error: "report-reason-too-long" }),
    }),
  );

/** Who hears of a report about a listing: its network's animators, and the administrators. */
function moderatorsOf(ctx: CommandContext, listing: Listing): number[] {
  return deciders(ctx.db, ctx.settings.admins ?? [], listing.networkId)
    .map((m) => m.id)
    .filter((id) => id !== ctx.member.id);
}

/** `/signaler 42 <motif>` — reports a listing or a conversation to the animators. */
export const reportCommand = defineCommand({
  id: "report",
  names: { fr: ["signaler"], en: ["report", "flag"] },
  section: "contact",
  access: "everyone",
  args: reportArgs,
  run(ctx, { aboutMessage, number, reason }) {
    if (reason.length < 3) {
      // From a button: ask why, with the line to type.
      const line = ctx.command("report", ...(aboutMessage ? ["message", number] : [number]));
      if (reason) throw new UserError("report-reason-missing");
      return here(
        message([paragraph(ctx.t("report-ask-reason", { id: number, example: `${line} …` }))]),
      );
    }
    let listing: Listing;
    let quoted: string | undefined;
    let about: number | null;
    if (aboutMessage) {
      const thread = ownThread(ctx, number);
      listing = findListing(ctx, thread.listingId);
      about = otherSide(thread, ctx.member.id);
      const last = lastMessageOf(ctx.db, thread.id);
      quoted = last && last.senderId === about ? last.body : undefined;
    } else {
      listing = findListing(ctx, number);
      if (listing.authorId === ctx.member.id) throw new UserError("report-own", { id: listing.id });
      about = listing.authorId;
    }
    const subject = about === null ? undefined : memberById(ctx.db, about);
    const network = listing.networkId === null ? undefined : networkById(ctx.db, listing.networkId);
    const report = createReport(
      ctx.db,
      {
        kind: aboutMessage ? "message" : "listing",
        networkId: listing.networkId,
        listingId: listing.id,
        threadId: aboutMessage ? number : null,
        reporterId: ctx.member.id,
        subjectMemberId: about,
        reason,
      },
      ctx.now,
    );
    ctx.audit({
      action: aboutMessage ? "message-reported" : "listing-reported",
      networkId: listing.networkId,
      subjectMemberId: about,
      listingId: listing.id,
      details: { reason, report: report.id, ...(aboutMessage ? { thread: number } : {}) },
    });
    const reporter = ctx.member.displayName;
    const told = moderatorsOf(ctx, listing);
    for (const id of told) {
      ctx.notifyMember(id, (t, command) =>
        message(
          [
            paragraph(
              strong(
                t(aboutMessage ? "report-notice-message" : "report-notice-listing", {
                  reporter,
                  name: subject?.displayName ?? "",
                  id: listing.id,
                  title: listing.title,
                  network: network?.name ?? "—",
                }),
              ),
            ),
            paragraph(t("report-notice-reason", { reason })),
            ...(quoted ? [paragraph(t("report-notice-quoted", { text: quoted }))] : []),
          ],
          [
            [
              { label: t("button-show", { id: listing.id }), command: command("show", listing.id) },
              { label: t("button-reports"), command: command("reports") },
            ],
            reportButtons(t, command, report),
          ],
        ),
      );
    }
    return here(
      message([paragraph(ctx.t(told.length > 0 ? "report-done" : "report-done-logged"))]),
    );
  },
});
