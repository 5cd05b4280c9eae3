/**
 * `/journal [page]` — the audit log, so that no action is hidden: in a network's room, its
 * animators see everything done in the network (moderation, broadcasts, settings, refusals);
 * a territory administrator elsewhere sees the whole territory's; every member sees the
 * decisions that concern them.
 */
import { list, message, paragraph, strong, type Button, type Inline } from "../bot/reply.js";
import type { MessageArgs } from "../bot/errors.js";
import { auditPage, type AuditLine, type AuditScope } from "../storage/audit.js";
import { networkById } from "../storage/networks.js";
import { optionalPage } from "./args.js";
import { defineCommand, here, inPrivate, type CommandContext } from "./types.js";

/** Entries per page. */
const PAGE = 15;

/**
 * Every action the bot records, each with a sentence of its own in the locales
 * (`journal-<action>`); a test fails when the code records an action missing here.
 */
export const JOURNAL_ACTIONS: ReadonlySet<string> = new Set([
  "animator-named",
  "animator-unnamed",
  "broadcast-cancelled",
  "broadcast-scheduled",
  "broadcast-sent",
  "charter-accepted",
  "command-refused",
  "contact-shared",
  "contact-started",
  "erasure-cancelled",
  "erasure-requested",
  "join-requested",
  "listing-approved",
  "listing-closed",
  "listing-deleted",
  "listing-edited",
  "listing-rejected",
  "listing-removed",
  "listing-renewed",
  "listing-reported",
  "member-approved",
  "member-blocked",
  "member-erased",
  "member-muted",
  "member-refused",
  "member-unblocked",
  "member-unmuted",
  "message-reported",
  "network-created",
  "network-link-code",
  "network-moderation",
  "network-policy",
  "network-questions",
  "network-summary",
  "poll-closed",
  "poll-created",
  "report-dismissed",
  "room-bound",
  "room-linked",
  "structure-admin",
  "structure-created",
  "structure-edited",
  "structure-exported",
  "structure-invite",
  "structure-joined",
  "structure-left",
]);

/** Details of an entry that its sentence may use. */
const SHOWN_DETAILS = [
  "reason",
  "broadcast",
  "rooms",
  "platform",
  "time",
  "command",
  "outcome",
  "field",
  "title",
  "poll",
  "voters",
  "report",
  "submitted",
  "moderation",
  "structure",
  "name",
  "policy",
  "thread",
];

/** An entry as one sentence: "29 nov., 16:02 · Ana · a retiré l'annonce #12 (motif : doublon)". */
function entryLine(ctx: CommandContext, entry: AuditLine): Inline[] {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(entry.details) as Record<string, unknown>;
  } catch {
    // An unreadable detail leaves the sentence without it.
  }
  const args: MessageArgs = {
    listing: entry.listingId ?? 0,
    action: entry.action,
    subject: entry.subjectName ?? "—",
  };
  for (const key of SHOWN_DETAILS) {
    const value = details[key];
    if (typeof value === "string" || typeof value === "number") args[key] = value;
    else if (value === null) args[key] = "none";
  }
  // The end of a mute, as a date.
  if (typeof details.until === "number") args.date = new Date(details.until);
  if (!("reason" in args)) args.reason = "none";
  // An entry whose details were erased with a member still reads as a sentence.
  for (const key of SHOWN_DETAILS) if (!(key in args)) args[key] = "—";
  let key = JOURNAL_ACTIONS.has(entry.action) ? `journal-${entry.action}` : "journal-other";
  // A mute whose end went with an erased member's details.
  if (entry.action === "member-muted" && !("date" in args)) key = "journal-member-muted-erased";
  return [
    ctx.t("journal-when", { date: new Date(entry.at) }),
    " · ",
    // An erased member's record has no name left.
    strong(
      entry.actorName === "" ? ctx.t("journal-erased") : (entry.actorName ?? ctx.t("journal-bot")),
    ),
    " · ",
    ctx.t(key, args),
  ];
}

/** Which log the person may read here. */
function scopeOf(ctx: CommandContext): { scope: AuditScope; title: string } {
  const networkId = ctx.room.kind === "group" ? ctx.room.networkId : null;
  if (networkId !== null && (ctx.role === "animator" || ctx.role === "admin")) {
    const name = networkById(ctx.db, networkId)?.name ?? "?";
    return { scope: { networkId }, title: ctx.t("journal-network", { name }) };
  }
  if (ctx.role === "admin") return { scope: { all: true }, title: ctx.t("journal-territory") };
  return { scope: { subjectMemberId: ctx.member.id }, title: ctx.t("journal-mine") };
}

/** `/journal [page]`. */
export const journalCommand = defineCommand({
  id: "journal",
  names: { fr: ["journal"], en: ["log", "journal"] },
  section: "moderate",
  access: "everyone",
  args: optionalPage,
  run(ctx, page) {
    const { scope, title } = scopeOf(ctx);
    const rows = auditPage(ctx.db, scope, page * PAGE, PAGE + 1);
    const shown = rows.slice(0, PAGE);
    const buttons: Button[][] =
      rows.length > PAGE
        ? [[{ label: ctx.t("button-more"), command: ctx.command("journal", page + 2) }]]
        : [];
    const blocks =
      shown.length === 0
        ? [
            paragraph(strong(title)),
            paragraph(ctx.t(page === 0 ? "journal-empty" : "journal-no-more")),
          ]
        : [
            paragraph(strong(title), " ", ctx.t("journal-page", { page: page + 1 })),
            list(shown.map((entry) => entryLine(ctx, entry))),
          ];
    const reply = message(blocks, buttons);
    // A member's own log is theirs alone: it goes to their private chat.
    return "subjectMemberId" in scope ? inPrivate(reply) : here(reply, ctx.fromButton);
  },
});
