/**
 * Matrix events as the core sees them: which messages are commands for the bot (`!cmd`,
 * `/cmd`, or addressed to it: `soliterr: cmd`), and what a reply's quoted fallback hides.
 * Pure functions, so that every case is easy to test.
 */

/** Who the bot is on Matrix. */
export interface BotIdentity {
  userId: string;
  /** The localpart of its user id (`soliterr` for `@soliterr:example.org`). */
  localpart: string;
  displayName?: string;
}

/** Removes the quoted fallback that replies carry at the top of their body (`> <@x> text`). */
export function stripReplyFallback(body: string): string {
  if (!body.startsWith("> ")) return body;
  const lines = body.split("\n");
  let i = 0;
  while (i < lines.length && (lines[i] ?? "").startsWith(">")) i++;
  return lines.slice(i).join("\n").replace(/^\n+/, "");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The text the core should read: commands keep their `!` or `/`; a message addressed to the
 * bot by name (`soliterr: chercher vélo`, `@soliterr:example.org, aide`) becomes `/chercher
 * vélo`. Other text is returned as it is (in a private room it may answer a guided question).
 */
export function messageText(body: string, bot: BotIdentity): string {
  const text = stripReplyFallback(body).trim();
  const names = [bot.userId, `@${bot.localpart}`, bot.localpart, bot.displayName]
    .filter((n): n is string => Boolean(n))
    .map(escapeRegExp);
  const addressed = new RegExp(`^(?:${names.join("|")})\\s*[:,]\\s*`, "i").exec(text);
  if (!addressed) return text;
  const rest = text.slice(addressed[0].length);
  return /^[/!]/.test(rest) ? rest : `/${rest}`;
}

/** Whether a user id matches one of the allowed inviter patterns (`*` any run of characters). */
export function inviterAllowed(userId: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) =>
    new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`, "i").test(userId),
  );
}

/** The server name of a user id (`example.org` for `@ana:example.org`). */
export function serverOf(userId: string): string {
  return userId.slice(userId.indexOf(":") + 1);
}

/** The power level from which a member moderates the room: the lowest of kick, ban and redact. */
export function moderatorLevel(powerLevels: Record<string, unknown> | undefined): number {
  const level = (key: string) => {
    const value = powerLevels?.[key];
    return typeof value === "number" ? value : 50;
  };
  return Math.min(level("kick"), level("ban"), level("redact"));
}

/** A member's power level in the room. */
export function powerLevelOf(
  powerLevels: Record<string, unknown> | undefined,
  userId: string,
): number {
  const users = powerLevels?.users as Record<string, unknown> | undefined;
  const explicit = users?.[userId];
  if (typeof explicit === "number") return explicit;
  const fallback = powerLevels?.users_default;
  return typeof fallback === "number" ? fallback : 0;
}
