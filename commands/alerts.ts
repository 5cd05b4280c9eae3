/**
 * Alerts and digests: `/alerte <critères>` saves a search whose new results come in the
 * member's digest, `/alertes` lists them, `/alerte pause|reprise|suppr N` manages one,
 * `/digest quotidien|hebdomadaire|immediat|jamais [HH:MM] [jour]` sets the rhythm.
 */
import { UserError } from "../bot/errors.js";
import { parseClockTime } from "../bot/time.js";
import { nextDigestTime } from "../bot/digest-time.js";
import { list, message, paragraph, strong, type Inline } from "../bot/reply.js";
import {
  alertsOfMember,
  createAlert,
  deleteAlert,
  isEverything,
  setAlertPaused,
  type Alert,
  type AlertCriteria,
} from "../storage/alerts.js";
import {
  DEFAULT_RHYTHM,
  digestSettingsOf,
  ensureDigestSettings,
  setDigestRhythm,
  type DigestSettings,
} from "../storage/digests.js";
import { countListingsSince } from "../storage/listings.js";
import { searchById } from "../storage/search.js";
import { parsedArgs } from "./args.js";
import { criteriaFromArgs, criteriaSummary } from "./search.js";
import { defineCommand, inPrivate, type CommandContext, type Reply } from "./types.js";

/** Most alerts one member may keep. */
export const MAX_ALERTS = 50;

const WEEK = 7 * 86_400_000;

/** The alert numbered `n` (from 1) of the person, or a clear refusal. */
function alertNumbered(
  ctx: CommandContext,
  typed: string | undefined,
): { alert: Alert; number: number } {
  const number = Number(typed);
  const alerts = alertsOfMember(ctx.db, ctx.member.id);
  const alert = Number.isInteger(number) && number >= 1 ? alerts[number - 1] : undefined;
  if (!alert) {
    throw new UserError(alerts.length === 0 ? "alerts-none" : "alert-number-unknown", {
      typed: (typed ?? "").slice(0, 20),
      count: alerts.length,
      alert: ctx.command("alert", ctx.t("alert-criteria-placeholder")),
      alerts: ctx.command("alerts"),
    });
  }
  return { alert, number };
}

/** The rhythm in words: "chaque jour à 08:00". */
function rhythmLabel(
  ctx: CommandContext,
  settings: Pick<DigestSettings, "rhythm" | "time" | "weekday">,
): string {
  return ctx.t(`rhythm-${settings.rhythm}`, {
    time: settings.time,
    day: ctx.t(`weekday-${settings.weekday}`),
  });
}

/** Saves an alert and says what it will bring. */
function saveAlert(ctx: CommandContext, criteria: AlertCriteria): Reply {
  const existing = alertsOfMember(ctx.db, ctx.member.id);
  const same = existing.findIndex((a) => JSON.stringify(a.criteria) === JSON.stringify(criteria));
  if (same !== -1)
    throw new UserError("alert-exists", { number: same + 1, alerts: ctx.command("alerts") });
  if (existing.length >= MAX_ALERTS)
    throw new UserError("alert-too-many", { max: MAX_ALERTS, alerts: ctx.command("alerts") });
  createAlert(ctx.db, ctx.places, ctx.member.id, criteria, ctx.now);
  const settings = ensureDigestSettings(
    ctx.db,
    ctx.member.id,
    nextDigestTime(DEFAULT_RHYTHM, ctx.now, ctx.settings.timeZone),
  );
  return inPrivate(
    message([
      paragraph(
        strong(ctx.t("alert-saved", { number: existing.length + 1 })),
        " ",
        criteriaSummary(ctx, { ...criteria, status: "open" }),
      ),
      paragraph(
        ctx.t("alert-saved-next", {
          rhythm: rhythmLabel(ctx, settings),
          digest: ctx.command("digest"),
        }),
      ),
    ]),
  );
}

/** `/alerte <critères>` — saves an alert; `/alerte pause|reprise|suppr N` manages one. */
export const alertCommand = defineCommand({
  id: "alert",
  membersOnly: true,
  names: { fr: ["alerte"], en: ["alert"] },
  section: "find",
  access: "everyone",
  options: ["place", "kind", "terms"],
  args: parsedArgs,
  run(ctx, args) {
    const [first, second] = args.words;
    const action = first ? ctx.catalog.lookup("alertActions", first, ctx.locale) : undefined;
    if (action?.found) {
      switch (action.id) {
        case "pause":
        case "resume": {
          const { alert, number } = alertNumbered(ctx, second);
          setAlertPaused(ctx.db, alert.id, action.id === "pause");
          return inPrivate(
            message([
              paragraph(ctx.t(`alert-${action.id}d`, { number, alerts: ctx.command("alerts") })),
            ]),
          );
        }
        case "delete": {
          const { alert, number } = alertNumbered(ctx, second);
          deleteAlert(ctx.db, alert.id);
          return inPrivate(message([paragraph(ctx.t("alert-deleted", { number }))]));
        }
        case "fromSearch": {
          const saved = second ? searchById(ctx.db, Number(second)) : undefined;
          if (!saved || saved.memberId !== ctx.member.id || saved.criteria.ids) {
            throw new UserError("search-expired", { search: ctx.command("search") });
          }
          const { words, kind, category, terms, place } = saved.criteria;
          return saveAlert(ctx, {
            words,
            ...(kind ? { kind } : {}),
            ...(category ? { category } : {}),
            ...(terms ? { terms } : {}),
            ...(place ? { place } : {}),
          });
        }
        case "everything":
          return saveAlert(ctx, { words: [] });
      }
    }
    const { status: _status, ...criteria } = criteriaFromArgs(ctx, args);
    if (isEverything(criteria)) {
      // Every new listing of the territory: said plainly, with what it would have meant.
      const lastWeek = countListingsSince(ctx.db, ctx.now - WEEK);
      const everything = ctx.catalog.word("alertActions", "everything", ctx.locale);
      return inPrivate(
        message(
          [
            paragraph(
              ctx.t("alert-everything-confirm", {
                count: lastWeek,
                example: ctx.command("alert", "#vehicules", "lieu:65"),
              }),
            ),
          ],
          [
            [
              {
                label: ctx.t("button-alert-everything"),
                command: ctx.command("alert", everything),
              },
            ],
          ],
        ),
      );
    }
    return saveAlert(ctx, criteria);
  },
});

/** `/alertes` — lists the person's alerts and their digest rhythm. */
export const alertsCommand = defineCommand({
  id: "alerts",
  names: { fr: ["alertes"], en: ["alerts"] },
  section: "find",
  access: "everyone",
  args: parsedArgs,
  run(ctx) {
    const alerts = alertsOfMember(ctx.db, ctx.member.id);
    if (alerts.length === 0) {
      return inPrivate(
        message([
          paragraph(
            ctx.t("alerts-none", {
              alert: ctx.command("alert", ctx.t("alert-criteria-placeholder")),
            }),
          ),
        ]),
      );
    }
    const settings = digestSettingsOf(ctx.db, ctx.member.id);
    const lines: Inline[][] = alerts.map((a, i) => [
      strong(`${i + 1}.`),
      " ",
      criteriaSummary(ctx, { ...a.criteria, status: "open" }),
      ...(a.paused ? [` (${ctx.t("alert-paused-label")})`] : []),
    ]);
    return inPrivate(
      message([
        paragraph(strong(ctx.t("alerts-heading", { count: alerts.length }))),
        list(lines),
        paragraph(
          ctx.t("alerts-rhythm", {
            rhythm: settings ? rhythmLabel(ctx, settings) : ctx.t("rhythm-none"),
          }),
        ),
        paragraph(
          ctx.t("alerts-hint", {
            pause: ctx.command("alert", ctx.catalog.word("alertActions", "pause", ctx.locale), 1),
            remove: ctx.command("alert", ctx.catalog.word("alertActions", "delete", ctx.locale), 1),
            digest: ctx.command("digest"),
          }),
        ),
      ]),
    );
  },
});

/** `/digest [quotidien|hebdomadaire|immediat|jamais] [HH:MM] [jour]` — when digests come. */
export const digestCommand = defineCommand({
  id: "digest",
  names: { fr: ["digest", "resume"], en: ["digest"] },
  section: "find",
  access: "everyone",
  args: parsedArgs.transform((a) => a.words.map((w) => w.slice(0, 30))),
  run(ctx, words) {
    const current =
      digestSettingsOf(ctx.db, ctx.member.id) ??
      ensureDigestSettings(
        ctx.db,
        ctx.member.id,
        nextDigestTime(DEFAULT_RHYTHM, ctx.now, ctx.settings.timeZone),
      );
    if (words.length === 0) {
      return inPrivate(
        message([
          paragraph(
            current.rhythm === "never"
              ? ctx.t("digest-set", { rhythm: rhythmLabel(ctx, current) })
              : ctx.t("digest-current", {
                  rhythm: rhythmLabel(ctx, current),
                  next: new Date(current.nextDueAt),
                }),
          ),
          paragraph(
            ctx.t("digest-how", {
              example: ctx.command(
                "digest",
                ctx.catalog.word("rhythms", "weekly", ctx.locale),
                "18:00",
                ctx.catalog.word("weekdays", "5", ctx.locale),
              ),
            }),
          ),
        ]),
      );
    }
    let change: Pick<DigestSettings, "rhythm" | "time" | "weekday"> = {
      rhythm: current.rhythm,
      time: current.time,
      weekday: current.weekday,
    };
    for (const word of words) {
      const time = parseClockTime(word);
      const rhythm = ctx.catalog.lookup("rhythms", word, ctx.locale);
      const day = ctx.catalog.lookup("weekdays", word, ctx.locale);
      if (time) change = { ...change, time };
      else if (rhythm.found) change = { ...change, rhythm: rhythm.id as DigestSettings["rhythm"] };
      else if (day.found) change = { ...change, weekday: Number(day.id), rhythm: "weekly" };
      else {
        throw new UserError("digest-word-unknown", {
          typed: word,
          rhythms: ctx.catalog
            .entries("rhythms")
            .map((e) => e[ctx.locale][0] ?? e.id)
            .join(", "),
        });
      }
    }
    const settings = setDigestRhythm(
      ctx.db,
      ctx.member.id,
      change,
      nextDigestTime(change, ctx.now, ctx.settings.timeZone),
    );
    const next =
      settings.rhythm === "never"
        ? ctx.t("digest-never-next")
        : ctx.t("digest-next", { next: new Date(settings.nextDueAt) });
    return inPrivate(
      message([
        paragraph(ctx.t("digest-set", { rhythm: rhythmLabel(ctx, settings) })),
        paragraph(next),
      ]),
    );
  },
});
