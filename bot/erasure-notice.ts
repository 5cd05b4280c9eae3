/**
 * While a member's erasure is scheduled (`/oublier confirmer`), the first command they send
 * each day also tells them when it will happen and how to stop it.
 */
import type { CommandContext, CommandResult, Reply } from "../commands/types.js";
import { erasureRequestOf, markErasureReminded } from "../storage/erasure.js";
import { message, paragraph } from "./reply.js";
import { calendarDate } from "./time.js";

/** Commands that already speak of the erasure. */
const SILENT_FOR = new Set(["forget", "mydata"]);

/** `result` with the day's reminder added, when one is due. */
export function withErasureNotice(
  ctx: CommandContext,
  result: CommandResult,
  commandId: string | undefined,
): CommandResult {
  if (commandId !== undefined && SILENT_FOR.has(commandId)) return result;
  const request = erasureRequestOf(ctx.db, ctx.member.id);
  if (!request) return result;
  const zone = ctx.settings.timeZone;
  const today = calendarDate(ctx.now, zone).join("-");
  if (request.remindedAt !== null && calendarDate(request.remindedAt, zone).join("-") === today)
    return result;
  markErasureReminded(ctx.db, ctx.member.id, ctx.now);
  const notice: Reply = {
    to: "private",
    text: message([
      paragraph(
        ctx.t("forget-scheduled", {
          date: new Date(request.dueAt),
          cancel: ctx.command("forget", ctx.t("forget-word-cancel")),
        }),
      ),
    ]),
  };
  const replies = result === undefined ? [] : Array.isArray(result) ? result : [result];
  return [...replies, notice];
}
