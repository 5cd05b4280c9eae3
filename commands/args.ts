/**
 * zod building blocks for command arguments. Issue messages are locale message ids, so that
 * the pipeline answers a bad argument in the person's language, with the command's usage.
 */
import { z } from "zod";
import type { ParsedArgs } from "../bot/parse.js";

/** The parsed arguments as zod sees them. */
export const parsedArgs = z.object({
  text: z.string(),
  words: z.array(z.string()),
  options: z.record(z.string(), z.string().optional()),
  tags: z.array(z.string()),
  raw: z.string(),
}) as z.ZodType<ParsedArgs, ParsedArgs>;

/** A listing number as typed: `42` or `#42`. */
export const listingNumber = z
  .string({ error: "arg-listing-number-missing" })
  .transform((s) => s.replace(/^#/, ""))
  .pipe(
    z.coerce
      .number<string>({ error: "arg-listing-number" })
      .int({ error: "arg-listing-number" })
      .positive({ error: "arg-listing-number" })
      .max(Number.MAX_SAFE_INTEGER, { error: "arg-listing-number" }),
  );

/** A command that takes nothing (extra words are tolerated: people add "please"). */
export const noArgs = parsedArgs.transform(() => ({}));

/** The first word as a listing number, the rest of the text, and any #tags. */
export const listingAndRest = parsedArgs
  .transform((a) => ({
    number: a.words[0],
    rest: a.words.slice(1),
    text: a.text.replace(/^#?\d+\s*/, ""),
    tags: a.tags,
  }))
  .pipe(
    z.object({
      number: listingNumber,
      rest: z.array(z.string()),
      text: z.string(),
      tags: z.array(z.string()),
    }),
  );

/** An optional page number (1-based as typed, 0-based inside). */
export const optionalPage = parsedArgs
  .transform((a) => a.words[0] ?? "1")
  .pipe(
    z.coerce
      .number<string>({ error: "arg-page" })
      .int({ error: "arg-page" })
      .min(1, { error: "arg-page" })
      .max(10_000, { error: "arg-page" }),
  )
  .transform((n) => n - 1);
