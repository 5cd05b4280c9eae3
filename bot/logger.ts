/** pino loggers: one root built by main.ts, one child per module and per inbound event. */
import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger };

/** Paths whose values never reach a log line. */
const REDACT = ["token", "*.token", "accessToken", "*.accessToken", "config.telegramBotToken"];

/** Builds the root logger; `destination` defaults to standard error. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: "[redacted]" } },
    destination ?? pino.destination(2),
  );
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
