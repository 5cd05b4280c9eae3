/** Telegram failures as the core's one `DeliveryError`, so that the outbox knows whether to retry. */
import { GrammyError, HttpError } from "grammy";
import { DeliveryError } from "../types.js";

/** Maps a grammY error of a send to a DeliveryError (`toPerson`: the chat is someone's private chat). */
export function deliveryError(error: unknown, toPerson: boolean): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const what = `Telegram ${error.method}: ${error.error_code} ${error.description}`;
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 5;
      return new DeliveryError(what, "rate-limited", seconds * 1000);
    }
    // 403: the person never started the bot or blocked it, or the bot left the group.
    if (error.error_code === 403)
      return new DeliveryError(what, toPerson ? "unreachable" : "rejected");
    if (error.error_code >= 500) return new DeliveryError(what, "network");
    return new DeliveryError(what, "rejected");
  }
  if (error instanceof HttpError)
    return new DeliveryError(`Telegram unreachable: ${error.message}`, "network");
  return new DeliveryError(error instanceof Error ? error.message : String(error), "network");
}

/** Whether an edit failed only because the message already shows this text. */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description);
}

/** Whether an edit failed because the message is gone (too old, deleted). */
export function isEditImpossible(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /message to edit not found|message can't be edited/i.test(error.description)
  );
}

/** Whether stopping a poll failed only because it is already closed, or its message is gone. */
export function isPollGone(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /poll has already been closed|poll to stop not found|message to stop poll not found/i.test(
      error.description,
    )
  );
}
