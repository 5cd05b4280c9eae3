import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bot/config.js";

describe("configuration", () => {
  it("gives every option its documented default when nothing is set", () => {
    expect(loadConfig({})).toEqual({
      databasePath: "./data/soliterr.db",
      defaultLocale: "fr",
      timeZone: "Europe/Paris",
      territoryName: "SoliTERR",
      admins: [],
      logLevel: "info",
      listingExpiryDays: 60,
      rateLimitPerMinute: 30,
      broadcastsPerDay: 5,
      shutdownDrainMs: 5_000,
      contactsPerDay: 10,
      contactMessagesPerDay: 60,
      charterRequired: true,
      retentionMessagesDays: 365,
      retentionClosedListingsDays: 730,
    });
  });

  it("reads retention periods in days, 0 or never keeping for ever, and refuses anything else", () => {
    const periods = (env: Record<string, string>) => {
      const c = loadConfig(env);
      return [c.retentionMessagesDays, c.retentionClosedListingsDays];
    };
    expect(
      periods({ RETENTION_MESSAGES_DAYS: "30", RETENTION_CLOSED_LISTINGS_DAYS: "never" }),
    ).toEqual([30, null]);
    expect(
      periods({ RETENTION_MESSAGES_DAYS: "0", RETENTION_CLOSED_LISTINGS_DAYS: "NEVER" }),
    ).toEqual([null, null]);
    expect(() => loadConfig({ RETENTION_MESSAGES_DAYS: "un an" })).toThrow(
      'RETENTION_MESSAGES_DAYS: expected a number of days (at most 36500), or 0 or never to keep for ever, got "un an"',
    );
  });

  it("turns the health endpoint on with HEALTH_PORT, on 127.0.0.1 unless told otherwise", () => {
    expect(loadConfig({ HEALTH_PORT: "8080" }).health).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(loadConfig({ HEALTH_PORT: "8080", HEALTH_HOST: "0.0.0.0" }).health).toEqual({
      host: "0.0.0.0",
      port: 8080,
    });
    expect(loadConfig({ SHUTDOWN_DRAIN_SECONDS: "30" }).shutdownDrainMs).toBe(30_000);
    expect(() => loadConfig({ HEALTH_PORT: "http" })).toThrow(
      'HEALTH_PORT: expected a port number between 0 and 65535, got "http"',
    );
    expect(() => loadConfig({ SHUTDOWN_DRAIN_SECONDS: "-1" })).toThrow(
      'SHUTDOWN_DRAIN_SECONDS: expected a whole number between 0 and 300, got "-1"',
    );
  });

  it("reads every variable and splits the administrators list", () => {
    const config = loadConfig({
      DATABASE_PATH: "/var/lib/soliterr/t.db",
      DEFAULT_LOCALE: "en",
      TIMEZONE: "America/Cayenne",
      TERRITORY_NAME: "Pays de Tarbes",
      ADMINS: "telegram:123456789, matrix:@ana:example.org",
      LOG_LEVEL: "debug",
      LOG_FILE: "/tmp/s.log",
      LISTING_EXPIRY_DAYS: "30",
      RATE_LIMIT_PER_MINUTE: "5",
    });
    expect(config).toMatchObject({
      databasePath: "/var/lib/soliterr/t.db",
      defaultLocale: "en",
      timeZone: "America/Cayenne",
      territoryName: "Pays de Tarbes",
      admins: ["telegram:123456789", "matrix:@ana:example.org"],
      logLevel: "debug",
      logFile: "/tmp/s.log",
      listingExpiryDays: 30,
      rateLimitPerMinute: 5,
    });
  });

  it("treats blank values as unset", () => {
    expect(loadConfig({ DEFAULT_LOCALE: " ", LISTING_EXPIRY_DAYS: "" }).listingExpiryDays).toBe(60);
  });

  it("reports every bad value by name, with what is expected and what was given", () => {
    let error: unknown;
    try {
      loadConfig({
        DEFAULT_LOCALE: "de",
        TIMEZONE: "Mars/Olympus",
        LISTING_EXPIRY_DAYS: "0",
        ADMINS: "bob",
        LOG_LEVEL: "loud",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toContain('DEFAULT_LOCALE: expected one of fr, en, got "de"');
    expect(problems).toContain(
      'TIMEZONE: expected an IANA time zone such as Europe/Paris, got "Mars/Olympus"',
    );
    expect(problems).toContain(
      'LISTING_EXPIRY_DAYS: expected a whole number between 1 and 365, got "0"',
    );
    expect(problems).toContain("ADMINS: expected each id is <platform>:<user id>");
    expect(problems).toContain("LOG_LEVEL: expected one of fatal");
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it("refuses a number that is not a whole number", () => {
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: "2.5" })).toThrow(
      /RATE_LIMIT_PER_MINUTE: expected a whole number/,
    );
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});

describe("Telegram configuration", () => {
  const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  it("turns Telegram on with a token, by long polling on the public API by default", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token }).telegram).toEqual({
      token,
      apiRoot: "https://api.telegram.org",
    });
    expect(loadConfig({}).telegram).toBeUndefined();
  });

  it("reads the webhook settings", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
      TELEGRAM_WEBHOOK_SECRET: "a-long-enough_secret",
      TELEGRAM_WEBHOOK_PORT: "9000",
    });
    expect(config.telegram).toEqual({
      token,
      apiRoot: "http://127.0.0.1:8081",
      webhook: {
        url: "https://bot.example.org/telegram",
        secret: "a-long-enough_secret",
        host: "0.0.0.0",
        port: 9000,
      },
    });
  });

  it("says what is wrong with a token, a webhook URL or a missing secret", () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "not-a-token" })).toThrow(
      /TELEGRAM_BOT_TOKEN: expected a bot token from BotFather/,
    );
    expect(() =>
      loadConfig({
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_WEBHOOK_URL: "http://bot.example.org/x",
        TELEGRAM_WEBHOOK_SECRET: "a-long-enough_secret",
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_URL: expected an https:\/\/ URL/);
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/x" }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET: expected a secret/);
  });

  it("never writes the token in the configuration error", () => {
    let message = "";
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: token, TIMEZONE: "Nowhere/Land" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("TIMEZONE");
    expect(message).not.toContain(token);
  });
});

describe("secrets in configuration errors", () => {
  it("does not repeat a malformed token", () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "123:short-secret" })).toThrow(
      /^(?![\s\S]*short-secret)[\s\S]*TELEGRAM_BOT_TOKEN/,
    );
  });
});

describe("Matrix configuration", () => {
  it("turns Matrix on with a homeserver and a token, encryption off by default", () => {
    expect(
      loadConfig({
        MATRIX_HOMESERVER_URL: "https://matrix.example.org/",
        MATRIX_ACCESS_TOKEN: "syt_abcdefgh",
      }).matrix,
    ).toEqual({
      homeserverUrl: "https://matrix.example.org",
      accessToken: "syt_abcdefgh",
      encryption: false,
      cryptoStorePath: "./data/matrix-crypto",
      sendRate: 0,
    });
  });

  it("reads allowed inviters and encryption", () => {
    const config = loadConfig({
      MATRIX_HOMESERVER_URL: "https://matrix.example.org",
      MATRIX_ACCESS_TOKEN: "syt_abcdefgh",
      MATRIX_ALLOWED_INVITERS: "@*:example.org, @ana:partner.org",
      MATRIX_ENCRYPTION: "on",
    });
    expect(config.matrix).toMatchObject({
      allowedInviters: ["@*:example.org", "@ana:partner.org"],
      encryption: true,
    });
  });

  it("asks for the other half when only the URL or only the token is set, and checks patterns", () => {
    expect(() => loadConfig({ MATRIX_HOMESERVER_URL: "https://matrix.example.org" })).toThrow(
      /MATRIX_ACCESS_TOKEN: expected/,
    );
    expect(() => loadConfig({ MATRIX_ACCESS_TOKEN: "syt_abcdefgh" })).toThrow(
      /MATRIX_HOMESERVER_URL: expected/,
    );
    expect(() =>
      loadConfig({
        MATRIX_HOMESERVER_URL: "https://m.example.org",
        MATRIX_ACCESS_TOKEN: "syt_abcdefgh",
        MATRIX_ALLOWED_INVITERS: "ana",
      }),
    ).toThrow(/MATRIX_ALLOWED_INVITERS: expected Matrix user ids or patterns/);
    expect(() => loadConfig({ MATRIX_ENCRYPTION: "maybe" })).toThrow(
      /MATRIX_ENCRYPTION: expected true or false/,
    );
  });
});
