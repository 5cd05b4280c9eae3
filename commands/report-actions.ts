/**
 * What an animator does with a report (`/signalements retirer|sourdine|classer <n°>`): take the
 * listing down, mute the person reported, or dismiss it. Each closes the report with its
 * outcome and who decided, and is in the audit log.
 */
import { UserError } from "../bot/errors.js";
import type { Locale, Translator } from "../bot/i18n.js";
import type { Button } from "../bot/reply.js";
import { memberById } from "../storage/members.js";
import { networkById } from "../storage/networks.js";
import { handleReport, reportById, type Report } from "../storage/reports.js";
import { findListing } from "./listing-access.js";
import { takeDown } from "./moderation.js";
import { requireModerator } from "./moderators.js";
import { muteLength, silence } from "./mute.js";
import { message, paragraph } from "../bot/reply.js";
import { here, type CommandContext, type CommandResult } from "./types.js";

/** What can be done with a report. */
export type ReportAction = "remove" | "mute" | "dismiss";

/** The words of each action, in each language (either is understood). */
export const ACTION_WORDS: Record<Locale, Record<ReportAction, string>> = {
  fr: { remove: "retirer", mute: "sourdine", dismiss: "classer" },
  en: { remove: "remove", mute: "mute", dismiss: "dismiss" },
};

/** The mute the buttons offer, in each language. */
const DEFAULT_MUTE: Record<Locale, string> = { fr: "7j", en: "7d" };

/** The action a typed word names, if any. */
export function reportAction(word: string | undefined): ReportAction | undefined {
  for (const words of Object.values(ACTION_WORDS))
    for (const [action, w] of Object.entries(words))
      if (w === word?.toLowerCase()) return action as ReportAction;
  return undefined;
}

/** The buttons to act on one report, in the reader's language. */
export function reportButtons(
  t: Translator,
  command: (id: string, ...args: (string | number)[]) => string,
  report: Report,
): Button[] {
  const words = ACTION_WORDS[t.locale];
  const buttons: Button[] = [];
  if (report.kind === "listing" && report.listingId !== null)
    buttons.push({
      label: t("button-report-remove", { id: report.listingId }),
      command: command("reports", words.remove, report.id),
    });
  if (report.subjectMemberId !== null)
    buttons.push({
      label: t("button-report-mute"),
      command: command("reports", words.mute, report.id, DEFAULT_MUTE[t.locale]),
    });
  buttons.push({
    label: t("button-report-dismiss", { number: report.id }),
    command: command("reports", words.dismiss, report.id),
  });
  return buttons;
}

/** An open report the person may act on. */
function actionable(ctx: CommandContext, id: number): Report {
  const report = reportById(ctx.db, id);
  if (!report) throw new UserError("report-not-found", { id, list: ctx.command("reports") });
  requireModerator(ctx, report.networkId, "reports");
  if (report.status !== "open") {
    const by = report.handledBy === null ? undefined : memberById(ctx.db, report.handledBy);
    throw new UserError("report-already-handled", {
      id,
      outcome: report.outcome ?? "dismissed",
      by: by?.displayName ?? "—",
    });
  }
  return report;
}

/** Acts on report `id`; `rest` is what follows its number (a length for a mute, then a note). */
export function actOnReport(
  ctx: CommandContext,
  action: ReportAction,
  id: number,
  rest: string[],
): CommandResult {
  const report = actionable(ctx, id);
  const decide = (note: string | null) =>
    handleReport(ctx.db, report.id, { outcome: OUTCOME[action], by: ctx.member.id, note }, ctx.now);
  if (action === "remove") {
    if (report.kind !== "listing" || report.listingId === null)
      throw new UserError("report-no-listing", { id });
    const reason = rest.join(" ").trim() || report.reason;
    // takeDown closes every open report of the listing, this one included.
    return takeDown(ctx, findListing(ctx, report.listingId), reason);
  }
  if (action === "mute") {
    const person =
      report.subjectMemberId === null ? undefined : memberById(ctx.db, report.subjectMemberId);
    const network = report.networkId === null ? undefined : networkById(ctx.db, report.networkId);
    if (!person || !network) throw new UserError("report-no-one-to-mute", { id });
    const ms = muteLength(ctx, rest[0]);
    const note = rest.slice(1).join(" ").trim() || report.reason;
    const reply = silence(ctx, network, person, ms, note, report.id);
    decide(note);
    return reply;
  }
  const note = rest.join(" ").trim();
  decide(note || null);
  ctx.audit({
    action: "report-dismissed",
    networkId: report.networkId,
    subjectMemberId: report.subjectMemberId,
    listingId: report.listingId,
    details: { report: report.id, ...(note ? { reason: note } : {}) },
  });
  return here(message([paragraph(ctx.t("report-dismissed", { id }))]), ctx.fromButton);
}

const OUTCOME = { remove: "removed", mute: "muted", dismiss: "dismissed" } as const;
