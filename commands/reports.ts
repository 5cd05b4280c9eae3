/**
 * `/signalements` (`/reports`): the open reports of the network, for its animators (all of
 * them for territory administrators), by pages, with buttons to act on each; and
 * `/signalements retirer|sourdine|classer <n°> …` to act (commands/report-actions.ts).
 */
import { z } from "zod";
import { UserError } from "../bot/errors.js";
import { list, message, paragraph, strong, type Button, type Inline } from "../bot/reply.js";
import { listingById } from "../storage/listings.js";
import { memberById } from "../storage/members.js";
import {
  countOpenReports,
  openReports,
  type Report,
  type ReportScope,
} from "../storage/reports.js";
import { listingNumber, parsedArgs } from "./args.js";
import { memberLabel } from "./member-ref.js";
import { moderatedNetwork } from "./mute.js";
import { actOnReport, reportAction, reportButtons } from "./report-actions.js";
import { defineCommand, here, type CommandContext, type CommandResult } from "./types.js";

/** Reports per page. */
const PAGE = 8;
/** Reports of a page that get buttons. */
const WITH_BUTTONS = 3;

function nameOf(ctx: CommandContext, id: number | null): string {
  const member = id === null ? undefined : memberById(ctx.db, id);
  return member ? memberLabel(member) : "—";
}

/** One report as a line: when, what, whose, by whom, why. */
function reportLine(ctx: CommandContext, report: Report): Inline[] {
  const listing = report.listingId === null ? undefined : listingById(ctx.db, report.listingId);
  return [
    strong(`n°${report.id}`),
    " · ",
    ctx.t("journal-when", { date: new Date(report.createdAt) }),
    " · ",
    ctx.t(report.kind === "listing" ? "reports-line-listing" : "reports-line-message", {
      id: listing?.id ?? 0,
      title: listing?.title ?? "—",
      name: nameOf(ctx, report.subjectMemberId),
      thread: report.threadId ?? 0,
      reporter: nameOf(ctx, report.reporterId),
      reason: report.reason,
    }),
  ];
}

function listReports(ctx: CommandContext, page: number): CommandResult {
  const { scope, title } = scopeOf(ctx);
  const rows = openReports(ctx.db, scope, page * PAGE, PAGE + 1);
  const shown = rows.slice(0, PAGE);
  if (shown.length === 0)
    return here(
      message([paragraph(ctx.t(page === 0 ? "reports-none" : "journal-no-more", { title }))]),
      ctx.fromButton,
    );
  const buttons: Button[][] = shown
    .slice(0, WITH_BUTTONS)
    .map((r) => reportButtons(ctx.t, (id, ...a) => ctx.command(id, ...a), r));
  if (rows.length > PAGE)
    buttons.push([{ label: ctx.t("button-more"), command: ctx.command("reports", page + 2) }]);
  return here(
    message(
      [
        paragraph(
          strong(ctx.t("reports-heading", { title, count: countOpenReports(ctx.db, scope) })),
          " ",
          ctx.t("journal-page", { page: page + 1 }),
        ),
        list(shown.map((r) => reportLine(ctx, r))),
        paragraph(
          ctx.t("reports-how", {
            example: ctx.command("reports", ctx.t("reports-example-word"), shown[0]?.id ?? 1),
          }),
        ),
      ],
      buttons,
    ),
    ctx.fromButton,
  );
}

/** Whose reports the person reviews: every one (administrators), or their network's. */
function scopeOf(ctx: CommandContext): { scope: ReportScope; title: string } {
  if (ctx.role === "admin") return { scope: { all: true }, title: ctx.t("journal-territory") };
  const network = moderatedNetwork(ctx, "reports");
  return { scope: { networkIds: [network.id] }, title: network.name };
}

const reportsArgs = parsedArgs
  .transform((a) => {
    const [first, ...rest] = a.words;
    const action = reportAction(first);
    return {
      action,
      number: action ? rest[0]?.replace(/^n°/i, "") : "1",
      rest: action ? rest.slice(1) : [],
      page: action ? "1" : (first ?? "1"),
    };
  })
  .pipe(
    z.object({
      action: z.union([z.enum(["remove", "mute", "dismiss"]), z.undefined()]),
      number: listingNumber,
      rest: z.array(z.string()),
      page: z.coerce
        .number<string>({ error: "arg-page" })
        .int({ error: "arg-page" })
        .min(1, { error: "arg-page" })
        .max(10_000, { error: "arg-page" }),
    }),
  );

/** `/signalements [page]`, `/signalements classer 3 [motif]`… */
export const reportsCommand = defineCommand({
  id: "reports",
  names: { fr: ["signalements"], en: ["reports", "flags"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: reportsArgs,
  run(ctx, { action, number, rest, page }) {
    if (action && rest.join(" ").length > 500) throw new UserError("report-reason-too-long");
    return action ? actOnReport(ctx, action, number, rest) : listReports(ctx, page - 1);
  },
});
