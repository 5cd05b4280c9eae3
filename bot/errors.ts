/**
 * Errors that are part of the conversation. A `UserError` thrown anywhere while handling a
 * command becomes a localised reply; any other error is a bug, logged with its context and
 * answered with a generic localised message.
 */

/** Values a locale message may use. */
export type MessageArgs = Record<string, string | number | Date>;

/** Something the person can fix: `key` is a locale message id, `args` its variables. */
export class UserError extends Error {
  override readonly name = "UserError";
  /** Set when the command was typed wrongly: the reply then shows this command's usage. */
  usageOf?: string;
  /**
   * Set when the person was refused something they have no right to: the pipeline records
   * it in the audit log (outside the command's undone changes). No hidden action.
   */
  refusal?: { networkId: number | null; details: Record<string, unknown> };
  constructor(
    readonly key: string,
    readonly args: MessageArgs = {},
  ) {
    super(`user error: ${key}`);
  }
}

/** A refusal of something the person has no right to do, recorded in the audit log. */
export function refusal(
  key: string,
  args: MessageArgs,
  record: { networkId: number | null; details: Record<string, unknown> },
): UserError {
  const error = new UserError(key, args);
  error.refusal = record;
  return error;
}
