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
  constructor(
    readonly key: string,
    readonly args: MessageArgs = {},
  ) {
    super(`user error: ${key}`);
  }
}
