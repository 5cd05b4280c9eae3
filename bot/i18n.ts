/**
 * Localisation with Fluent. Every user-facing string is a message in locales/<locale>/*.ftl;
 * French and English have the same message ids (a test checks it).
 */
import { projectPath } from "../storage/paths.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  FluentBundle,
  FluentDateTime,
  FluentResource,
  type FluentValue,
  type FluentVariable,
} from "@fluent/bundle";
import type { MessageArgs } from "./errors.js";

/** The languages the bot speaks, French first. */
export const LOCALES = ["fr", "en"] as const;
/** One of the bot's languages. */
export type Locale = (typeof LOCALES)[number];

/** Whether `value` is one of the bot's languages. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The bot language closest to a platform hint (`fr-FR` -> `fr`), or undefined. */
export function localeFromHint(hint: string | undefined): Locale | undefined {
  const primary = hint?.toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : undefined;
}

/** A translation function bound to one locale. */
export interface Translator {
  (key: string, args?: MessageArgs): string;
  readonly locale: Locale;
}

/** The locales/ folder of this repository. */
export const LOCALES_DIR = projectPath("locales");

/** Options of the translation catalogue. */
export interface I18nOptions {
  /** IANA time zone used to show dates (default Europe/Paris). */
  timeZone?: string;
  /** Folder holding one sub-folder of .ftl files per locale (default: locales/). */
  dir?: string;
  /** Called when a message is missing or fails to format (default: ignore). */
  onError?: (error: Error, locale: Locale, key: string) => void;
}

/** The loaded translations of every locale. */
export class I18n {
  private readonly bundles = new Map<Locale, FluentBundle>();
  private readonly timeZone: string;
  private readonly onError: NonNullable<I18nOptions["onError"]>;

  constructor(options: I18nOptions = {}) {
    this.timeZone = options.timeZone ?? "Europe/Paris";
    this.onError = options.onError ?? (() => undefined);
    const dir = options.dir ?? LOCALES_DIR;
    for (const locale of LOCALES) {
      const bundle = new FluentBundle(locale, { useIsolating: false, functions: { DATETIME } });
      for (const file of readdirSync(join(dir, locale))
        .filter((f) => f.endsWith(".ftl"))
        .sort()) {
        const errors = bundle.addResource(
          new FluentResource(readFileSync(join(dir, locale, file), "utf8")),
        );
        if (errors.length > 0) {
          throw new Error(`locales/${locale}/${file}: ${errors.map((e) => e.message).join("; ")}`);
        }
      }
      this.bundles.set(locale, bundle);
    }
  }

  /** Whether `key` exists in `locale`. */
  has(locale: Locale, key: string): boolean {
    return this.bundle(locale).hasMessage(key);
  }

  /** The text of message `key` in `locale`; the key itself (and an error report) when missing. */
  t(locale: Locale, key: string, args: MessageArgs = {}): string {
    const bundle = this.bundle(locale);
    const msg = bundle.getMessage(key);
    if (!msg?.value) {
      this.onError(new Error(`missing message ${key}`), locale, key);
      return key;
    }
    const errors: Error[] = [];
    const text = bundle.formatPattern(msg.value, this.fluentArgs(args), errors);
    for (const error of errors) this.onError(error, locale, key);
    return text;
  }

  /** A translation function bound to `locale`. */
  translator(locale: Locale): Translator {
    const fn = (key: string, args?: MessageArgs) => this.t(locale, key, args);
    return Object.assign(fn, { locale });
  }

  private bundle(locale: Locale): FluentBundle {
    const bundle = this.bundles.get(locale);
    if (!bundle) throw new Error(`no bundle for locale ${locale}`);
    return bundle;
  }

  private fluentArgs(args: MessageArgs): Record<string, FluentVariable> {
    const out: Record<string, FluentVariable> = {};
    for (const [name, value] of Object.entries(args)) {
      // Dates are shown in the territory's time zone, whatever the host's.
      out[name] =
        value instanceof Date
          ? new TerritoryDateTime(value.getTime(), { timeZone: this.timeZone })
          : value;
    }
    return out;
  }
}

/** French writes the first day of a month as an ordinal: « le 1er décembre », not « le 1 décembre ». */
const FIRST_OF_MONTH =
  /(^|[^\d])1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|janv\.|févr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\.)/g;

/** `text` (a date Intl wrote in French) with the first of the month as « 1er ». */
export function frenchFirstOfMonth(text: string): string {
  return text.replace(FIRST_OF_MONTH, "$11er $2");
}

/** A date shown as Intl writes it in the message's language, with French's « 1er ». */
class TerritoryDateTime extends FluentDateTime {
  override toString(scope: Parameters<FluentDateTime["toString"]>[0]): string {
    const text = super.toString(scope);
    return scope?.bundle.locales[0]?.startsWith("fr") ? frenchFirstOfMonth(text) : text;
  }
}

/** Fluent's DATETIME(), giving a TerritoryDateTime (the options are Intl.DateTimeFormat's). */
function DATETIME(args: FluentValue[], opts: Record<string, FluentValue>): FluentValue {
  const [date] = args;
  if (!(date instanceof FluentDateTime)) throw new TypeError("DATETIME() expects a date");
  const options = Object.fromEntries(Object.entries(opts).map(([k, v]) => [k, v.valueOf()]));
  return new TerritoryDateTime(date, options);
}
