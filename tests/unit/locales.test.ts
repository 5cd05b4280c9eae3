import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, Visitor, type VariableReference } from "@fluent/syntax";
import { describe, expect, it } from "vitest";
import { I18n, LOCALES, LOCALES_DIR } from "../../bot/i18n.js";
import { allCommands } from "../../commands/index.js";
import { Catalog } from "../../storage/catalog.js";
import { listings } from "../../storage/schema.js";

/** Message ids of a locale, each with the variables it uses. */
function messages(locale: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of readdirSync(join(LOCALES_DIR, locale)).filter((f) => f.endsWith(".ftl"))) {
    const resource = parse(readFileSync(join(LOCALES_DIR, locale, file), "utf8"), {});
    for (const entry of resource.body) {
      if (entry.type === "Junk")
        throw new Error(`${locale}/${file}: syntax error near ${entry.content.slice(0, 60)}`);
      if (entry.type !== "Message") continue;
      const variables = new Set<string>();
      class Collect extends Visitor {
        override visitVariableReference(node: VariableReference) {
          variables.add(node.id.name);
        }
      }
      new Collect().visit(entry);
      if (out.has(entry.id.name)) throw new Error(`${locale}: ${entry.id.name} is defined twice`);
      out.set(entry.id.name, variables);
    }
  }
  return out;
}

describe("locales", () => {
  const fr = messages("fr");
  const en = messages("en");

  it("has the same message ids in French and English", () => {
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
  });

  it("uses the same variables in both languages for every message", () => {
    const differences = [...fr.keys()]
      .filter((id) => en.has(id))
      .filter((id) => [...fr.get(id)!].sort().join() !== [...en.get(id)!].sort().join())
      .map(
        (id) => `${id}: fr {${[...fr.get(id)!].join(", ")}} en {${[...en.get(id)!].join(", ")}}`,
      );
    expect(differences).toEqual([]);
  });

  it("has a summary, usage and details for every command in every language", () => {
    const missing = LOCALES.flatMap((locale) => {
      const ids = locale === "fr" ? fr : en;
      return allCommands.flatMap((c) =>
        ["summary", "usage", "details"]
          .map((part) => `cmd-${c.id}-${part}`)
          .filter((key) => !ids.has(key))
          .map((k) => `${locale}:${k}`),
      );
    });
    expect(missing).toEqual([]);
  });

  it("has a label for every category, terms, outcome, kind and structure type of the catalogue", () => {
    const catalog = Catalog.load();
    const keys = [
      ...catalog.ids("categories").map((id) => `category-${id}`),
      ...catalog.ids("terms").map((id) => `terms-${id}`),
      ...catalog.ids("outcomes").map((id) => `outcome-${id}`),
      ...catalog.ids("kinds").flatMap((id) => [`kind-${id}`, `kind-${id}-plural`]),
      ...catalog.ids("structureTypes").map((id) => `structure-type-${id}`),
    ];
    expect(keys.filter((k) => !fr.has(k) || !en.has(k))).toEqual([]);
  });

  it("formats every message of both languages without a Fluent error", () => {
    const errors: string[] = [];
    const i18n = new I18n({
      onError: (error, locale, key) => errors.push(`${locale}:${key}: ${error.message}`),
    });
    const sample = {
      id: 42,
      count: 2,
      max: 120,
      min: 3,
      days: 60,
      page: 1,
      step: 1,
      steps: 7,
      open: 1,
      all: 3,
      locale: "fr",
    };
    for (const locale of LOCALES) {
      const ids = locale === "fr" ? fr : en;
      for (const [id, variables] of ids) {
        const args: Record<string, string | number | Date> = {};
        for (const name of variables) {
          args[name] =
            name in sample
              ? sample[name as keyof typeof sample]
              : /date|created|expires|next|^from$|^to$/.test(name)
                ? new Date(0)
                : "x";
        }
        i18n.t(locale, id, args);
      }
    }
    expect(errors).toEqual([]);
  });

  it("tells the date in the territory's time zone whatever the host's", () => {
    const i18n = new I18n({ timeZone: "Europe/Paris" });
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(i18n.t("fr", "date-long", { date: new Date("2026-12-31T23:30:00Z") })).toBe(
      "1er janvier 2027",
    );
    expect(i18n.t("en", "date-long", { date: new Date("2026-12-31T23:30:00Z") })).toBe(
      "January 1, 2027",
    );
  });

  it("writes the first day of a month « 1er » in French, in every date format, and not in English", () => {
    const i18n = new I18n({ timeZone: "Europe/Paris" });
    const first = new Date(Date.UTC(2026, 11, 1, 8));
    expect(i18n.t("fr", "date-long", { date: first })).toBe("1er décembre 2026");
    expect(i18n.t("fr", "journal-when", { date: first })).toBe("1er déc., 09:00");
    expect(i18n.t("fr", "forget-scheduled", { date: first, cancel: "/oublier annuler" })).toContain(
      "le mardi 1er décembre 2026",
    );
    expect(i18n.t("fr", "date-long", { date: new Date(Date.UTC(2026, 11, 11, 8)) })).toBe(
      "11 décembre 2026",
    );
    expect(i18n.t("fr", "date-long", { date: new Date(Date.UTC(2026, 11, 21, 8)) })).toBe(
      "21 décembre 2026",
    );
    expect(i18n.t("en", "date-long", { date: first })).toBe("December 1, 2026");
  });

  it("names every listing status in every language, on cards and in the personal data summary", () => {
    const i18n = new I18n();
    const missing = LOCALES.flatMap((locale) =>
      listings.status.enumValues.flatMap((status) =>
        [`status-${status}`, `privacy-status-${status}`]
          .filter((key) => !i18n.has(locale, key))
          .map((key) => `${locale}: ${key}`),
      ),
    );
    expect(listings.status.enumValues).toContain("pending");
    expect(missing).toEqual([]);
  });
});
