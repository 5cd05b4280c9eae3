/**
 * Configuration from environment variables (and an optional .env file), validated at start.
 * Every option is documented in .env.example with its default.
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { LOCALES } from "./i18n.js";

/** Accepts a comma- or space-separated list. */
const idList = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(
          /^[a-z]+:.+$/,
          "each id is <platform>:<user id>, e.g. telegram:123456789 or matrix:@ana:example.org",
        ),
    ),
  );

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("fr", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const intInRange = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `a whole number between ${min} and ${max}` })
    .int(`a whole number between ${min} and ${max}`)
    .min(min, `a whole number between ${min} and ${max}`)
    .max(max, `a whole number between ${min} and ${max}`)
    .default(fallback);

/** A retention period in days; `0` or `never` keeps for ever (null). */
const retentionDays = (fallback: number) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine(
      (v) => v === "never" || (/^\d{1,5}$/.test(v) && Number(v) <= 36_500),
      "a number of days (at most 36500), or 0 or never to keep for ever",
    )
    .transform((v) => (v === "never" || Number(v) === 0 ? null : Number(v)))
    .default(fallback);

const schema = z.object({
  DATABASE_PATH: z
    .string()
    .min(1, "a file path, e.g. ./data/soliterr.db")
    .default("./data/soliterr.db"),
  DEFAULT_LOCALE: z.enum(LOCALES, { error: `one of ${LOCALES.join(", ")}` }).default("fr"),
  TIMEZONE: z
    .string()
    .refine(isTimeZone, "an IANA time zone such as Europe/Paris")
    .default("Europe/Paris"),
  TERRITORY_NAME: z
    .string()
    .trim()
    .min(1, "a name, e.g. Pays de Tarbes")
    .max(100, "at most 100 characters")
    .default("SoliTERR"),
  ADMINS: idList,
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  LOG_FILE: z.string().optional(),
  LISTING_EXPIRY_DAYS: intInRange(1, 365, 60),
  RATE_LIMIT_PER_MINUTE: intInRange(1, 10_000, 30),
  BROADCASTS_PER_DAY: intInRange(1, 100, 5),
  CONTACTS_PER_DAY: intInRange(1, 1_000, 10),
  CONTACT_MESSAGES_PER_DAY: intInRange(1, 10_000, 60),
  CHARTER_REQUIRED: z
    .enum(["true", "false", "on", "off", "1", "0", "yes", "no"], { error: "true or false" })
    .transform((v) => ["true", "on", "1", "yes"].includes(v))
    .default(true),
  CHARTER_TEXT: z
    .string()
    .trim()
    .min(20, "the charter's text, at least 20 characters")
    .max(4_000, "at most 4000 characters")
    .optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "a bot token from BotFather, like 123456789:AA…")
    .optional(),
  TELEGRAM_API_ROOT: z
    .url("a URL such as https://api.telegram.org")
    .default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: z
    .url({ protocol: /^https$/, error: "an https:// URL that Telegram can reach" })
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "16 to 256 characters among A-Z, a-z, 0-9, _ and -")
    .optional(),
  TELEGRAM_WEBHOOK_HOST: z.string().default("0.0.0.0"),
  TELEGRAM_WEBHOOK_PORT: intInRange(1, 65_535, 8443),
  MATRIX_HOMESERVER_URL: z
    .url("the homeserver's URL, such as https://matrix.example.org")
    .optional(),
  MATRIX_ACCESS_TOKEN: z.string().min(8, "the bot account's access token").optional(),
  MATRIX_ALLOWED_INVITERS: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^[@*].*:.+$/,
            "Matrix user ids or patterns such as @ana:example.org or *:example.org",
          ),
      ),
    )
    .optional(),
  MATRIX_ENCRYPTION: z
    .enum(["true", "false", "on", "off", "1", "0", "yes", "no"], { error: "true or false" })
    .transform((v) => ["true", "on", "1", "yes"].includes(v))
    .default(false),
  MATRIX_CRYPTO_STORE: z.string().default("./data/matrix-crypto"),
  HEALTH_PORT: z.coerce
    .number({ error: "a port number between 0 and 65535" })
    .int("a port number between 0 and 65535")
    .min(0, "a port number between 0 and 65535")
    .max(65_535, "a port number between 0 and 65535")
    .optional(),
  HEALTH_HOST: z.string().min(1).default("127.0.0.1"),
  SHUTDOWN_DRAIN_SECONDS: intInRange(0, 300, 5),
  RETENTION_MESSAGES_DAYS: retentionDays(365),
  RETENTION_CLOSED_LISTINGS_DAYS: retentionDays(730),
  MATRIX_SEND_RATE: z.coerce
    .number({ error: "messages per second, a number (0: no pacing)" })
    .min(0, "messages per second, a number (0: no pacing)")
    .max(10_000, "messages per second, at most 10000")
    .default(0),
});

/** Every variable the configuration reads (.env.example and the README document each). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

/** The validated configuration. */
export interface Config {
  /** SQLite file (created with its folder when missing). Default ./data/soliterr.db. */
  databasePath: string;
  /** Language of members who chose none and whose platform gives no hint. Default fr. */
  defaultLocale: (typeof LOCALES)[number];
  /** Time zone of the territory, for dates and schedules. Default Europe/Paris. */
  timeZone: string;
  /** Name of the territory, shown in help and digests. Default SoliTERR. */
  territoryName: string;
  /** Platform ids of the territory administrators (`telegram:123`, `matrix:@ana:example.org`). */
  admins: string[];
  /** pino log level. Default info. */
  logLevel: string;
  /** Log file; default standard error (console mode: data/soliterr.log beside the database). */
  logFile?: string;
  /** Days before a listing expires when its author gives no date. Default 60. */
  listingExpiryDays: number;
  /** Commands a member may send per minute before the bot asks them to slow down. Default 30. */
  rateLimitPerMinute: number;
  /** Broadcasts an animator may send or schedule in 24 hours. Default 5. */
  broadcastsPerDay: number;
  /** The HTTP health endpoint, when HEALTH_PORT is set (off by default). */
  health?: { host: string; port: number };
  /** How long a stop may spend delivering queued messages, in ms. Default 5 s. */
  shutdownDrainMs: number;
  /** New conversations (`/contacter`) a member may start in 24 hours. Default 10. */
  contactsPerDay: number;
  /** Messages a member may send through the bot's relay in 24 hours. Default 60. */
  contactMessagesPerDay: number;
  /** Whether members accept the territory charter before their first post. Default true. */
  charterRequired: boolean;
  /** The territory's own charter (shown as written); default: the built-in French and English text. */
  charterText?: string;
  /** Days relayed messages are kept; null: for ever. Default 365. */
  retentionMessagesDays: number | null;
  /** Days ended listings keep their text before becoming anonymous records; null: for ever. Default 730. */
  retentionClosedListingsDays: number | null;
  /** Telegram connection, when TELEGRAM_BOT_TOKEN is set. */
  telegram?: TelegramConfig;
  /** Matrix connection, when MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN are set. */
  matrix?: MatrixConfig;
}

/** How the bot connects to Matrix. */
export interface MatrixConfig {
  homeserverUrl: string;
  accessToken: string;
  /** Who may invite the bot; default: users of its own homeserver. */
  allowedInviters?: string[];
  /** Read and write encrypted rooms, where the crypto module is installed. */
  encryption: boolean;
  /** Folder of the crypto store. */
  cryptoStorePath: string;
  /** Messages per second the bot allows itself; 0 for no pacing. */
  sendRate: number;
}

/** How the bot connects to Telegram. */
export interface TelegramConfig {
  /** Bot token from BotFather. */
  token: string;
  /** Bot API server. Default https://api.telegram.org. */
  apiRoot: string;
  /** Webhook mode (instead of long polling) when TELEGRAM_WEBHOOK_URL is set. */
  webhook?: { url: string; secret: string; host: string; port: number };
}

/** Variables whose values are never repeated in an error message. */
const SECRETS = new Set(["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "MATRIX_ACCESS_TOKEN"]);

/** A configuration problem, with one line per bad or missing variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads and validates the configuration from `env`; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty values count as unset, so that a blank line in .env means "use the default".
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "?");
        const got = cleaned[name];
        const given = got === undefined ? " (missing)" : SECRETS.has(name) ? "" : `, got "${got}"`;
        return `${name}: expected ${issue.message}${given}`;
      }),
    );
  }
  const c = result.data;
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError([
      "TELEGRAM_WEBHOOK_SECRET: expected a secret of 16 to 256 characters (A-Z, a-z, 0-9, _ and -) when TELEGRAM_WEBHOOK_URL is set (missing)",
    ]);
  }
  if (Boolean(c.MATRIX_HOMESERVER_URL) !== Boolean(c.MATRIX_ACCESS_TOKEN)) {
    throw new ConfigError([
      c.MATRIX_HOMESERVER_URL
        ? "MATRIX_ACCESS_TOKEN: expected the bot account's access token when MATRIX_HOMESERVER_URL is set (missing)"
        : "MATRIX_HOMESERVER_URL: expected the homeserver's URL when MATRIX_ACCESS_TOKEN is set (missing)",
    ]);
  }
  const matrix: MatrixConfig | undefined =
    c.MATRIX_HOMESERVER_URL && c.MATRIX_ACCESS_TOKEN
      ? {
          homeserverUrl: c.MATRIX_HOMESERVER_URL.replace(/\/+$/, ""),
          accessToken: c.MATRIX_ACCESS_TOKEN,
          ...(c.MATRIX_ALLOWED_INVITERS ? { allowedInviters: c.MATRIX_ALLOWED_INVITERS } : {}),
          encryption: c.MATRIX_ENCRYPTION,
          cryptoStorePath: c.MATRIX_CRYPTO_STORE,
          sendRate: c.MATRIX_SEND_RATE,
        }
      : undefined;
  const telegram: TelegramConfig | undefined = c.TELEGRAM_BOT_TOKEN
    ? {
        token: c.TELEGRAM_BOT_TOKEN,
        apiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
        ...(c.TELEGRAM_WEBHOOK_URL && c.TELEGRAM_WEBHOOK_SECRET
          ? {
              webhook: {
                url: c.TELEGRAM_WEBHOOK_URL,
                secret: c.TELEGRAM_WEBHOOK_SECRET,
                host: c.TELEGRAM_WEBHOOK_HOST,
                port: c.TELEGRAM_WEBHOOK_PORT,
              },
            }
          : {}),
      }
    : undefined;
  return {
    databasePath: c.DATABASE_PATH,
    defaultLocale: c.DEFAULT_LOCALE,
    timeZone: c.TIMEZONE,
    territoryName: c.TERRITORY_NAME,
    admins: c.ADMINS,
    logLevel: c.LOG_LEVEL,
    ...(c.LOG_FILE ? { logFile: c.LOG_FILE } : {}),
    listingExpiryDays: c.LISTING_EXPIRY_DAYS,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    broadcastsPerDay: c.BROADCASTS_PER_DAY,
    ...(c.HEALTH_PORT !== undefined
      ? { health: { host: c.HEALTH_HOST, port: c.HEALTH_PORT } }
      : {}),
    shutdownDrainMs: c.SHUTDOWN_DRAIN_SECONDS * 1000,
    contactsPerDay: c.CONTACTS_PER_DAY,
    contactMessagesPerDay: c.CONTACT_MESSAGES_PER_DAY,
    charterRequired: c.CHARTER_REQUIRED,
    ...(c.CHARTER_TEXT ? { charterText: c.CHARTER_TEXT } : {}),
    retentionMessagesDays: c.RETENTION_MESSAGES_DAYS,
    retentionClosedListingsDays: c.RETENTION_CLOSED_LISTINGS_DAYS,
    ...(telegram ? { telegram } : {}),
    ...(matrix ? { matrix } : {}),
  };
}

/** Loads `.env` from the working directory into process.env when present (real variables win). */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
