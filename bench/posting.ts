/**
 * The posting scenario: one-line `/offre … #cat lieu:… modalite:…` posts from many members,
 * one after the other through the whole pipeline, as they would arrive from the platforms.
 */
import type { Locale } from "../bot/i18n.js";
import { disambiguated } from "../commands/listing-input.js";
import type { Place, Places } from "../storage/places.js";
import { listingPlace, listingText } from "./corpus.js";
import type { Scenario } from "./scenario.js";
import { count, ms, pick, seededRandom, since, summarize } from "./stats.js";
import { emptyOutbox, inbound, type Speaker } from "./world.js";

const POSTERS = 300;
const ROOMS = 6;

/** How members type categories: sometimes with accents, which the bot folds. */
const TYPED_CATEGORIES: Record<Locale, Record<string, readonly string[]>> = {
  fr: {
    vehicles: ["vehicules", "véhicules", "transport"],
    premises: ["locaux", "salle", "bureaux"],
    equipment: ["equipement", "équipement", "matériel", "outils"],
    materials: ["materiaux", "matériaux", "surplus", "emballages"],
    skills: ["competences", "compétences", "formation"],
    services: ["services", "logistique", "entretien"],
    staff: ["personnel", "bénévolat", "renfort"],
    food: ["alimentation", "circuit_court", "producteurs"],
    projects: ["projets", "achats_groupés", "partenariat"],
    other: ["autre", "divers"],
  },
  en: {
    vehicles: ["vehicles", "transport"],
    premises: ["premises", "rooms"],
    equipment: ["equipment", "tools"],
    materials: ["materials", "surplus"],
    skills: ["skills", "training"],
    services: ["services", "logistics"],
    staff: ["staff", "volunteering"],
    food: ["food", "farming"],
    projects: ["projects", "partnership"],
    other: ["other", "misc"],
  },
};

const TYPED_TERMS: Record<Locale, Record<string, string>> = {
  fr: {
    loan: "prêt",
    gift: "don",
    sale: "vente",
    exchange: "échange",
    pooling: "mutualisation",
    sponsorship: "mécénat",
  },
  en: {
    loan: "loan",
    gift: "gift",
    sale: "sale",
    exchange: "swap",
    pooling: "pooling",
    sponsorship: "sponsorship",
  },
};

/** The place as a member would type it: "Tarbes", "65", "Saint-Martin (65360)", quoted if spaced. */
function typedPlace(places: Places, place: Place, cache: Map<string, string>): string {
  const key = `${place.kind}:${place.code}`;
  let typed = cache.get(key);
  if (typed === undefined) {
    if (place.kind === "departement") typed = place.code;
    else {
      const resolution = places.resolve(place.name, { communeRequired: false });
      const unique =
        resolution.status === "found" &&
        resolution.place.kind === place.kind &&
        resolution.place.code === place.code;
      typed = unique ? place.name : disambiguated(places, place);
    }
    if (/\s/.test(typed)) typed = `"${typed}"`;
    cache.set(key, typed);
  }
  return typed;
}

/** `count` one-line posts, each with its speaker. */
function writePosts(
  places: Places,
  rand: () => number,
  howMany: number,
): { speaker: Speaker; text: string }[] {
  const cache = new Map<string, string>();
  return Array.from({ length: howMany }, () => {
    const n = Math.floor(rand() * POSTERS);
    const locale: Locale = n % 10 === 0 ? "en" : "fr";
    const listing = listingText(rand);
    const place = typedPlace(places, listingPlace(rand, places), cache);
    const command =
      locale === "fr"
        ? listing.kind === "offer"
          ? "/offre"
          : "/besoin"
        : listing.kind === "offer"
          ? "/offer"
          : "/need";
    const description = listing.description.split(". ")[0] ?? "";
    const category = pick(rand, TYPED_CATEGORIES[locale][listing.category] ?? ["autre"]);
    const parts = [
      command,
      `${listing.title} — ${description}`,
      `#${category}`,
      `${locale === "fr" ? "lieu" : "in"}:${place}`,
    ];
    if (listing.terms)
      parts.push(`${locale === "fr" ? "modalite" : "terms"}:${TYPED_TERMS[locale][listing.terms]}`);
    return {
      speaker: {
        userId: `poster-${n}`,
        displayName: `Membre ${n}`,
        roomId: `room-${n % ROOMS}`,
        localeHint: locale,
      },
      text: parts.join(" "),
    };
  });
}

/** The posting scenario. */
export const postingScenario: Scenario = {
  name: "posting",
  summary: "one-line posts per second through the pipeline",
  async run(world, _size, options, memory) {
    const { db, places, pipeline } = world.app;
    const warmup = Math.min(200, Math.ceil(options.posts / 10));
    const posts = writePosts(places, seededRandom(options.seed + 1), warmup + options.posts);
    const lastId = db.$client.prepare<[], number>("SELECT max(id) FROM listings").pluck();
    // Members accepted the territory charter once, long before (untimed): a post is then
    // published at once, as it is every day after a member's first.
    const speakers = new Map(posts.map((p) => [p.speaker.userId, p.speaker]));
    for (const speaker of speakers.values()) {
      const yes = speaker.localeHint === "en" ? "/charter yes" : "/charte oui";
      await pipeline.handle(inbound(world, speaker, yes));
    }
    for (const post of posts.slice(0, warmup))
      await pipeline.handle(inbound(world, post.speaker, post.text));
    const before = lastId.get() ?? 0;
    const times: number[] = [];
    const started = performance.now();
    for (const [i, post] of posts.slice(warmup).entries()) {
      const event = inbound(world, post.speaker, post.text);
      const start = performance.now();
      await pipeline.handle(event);
      times.push(since(start));
      if (i % 500 === 0) memory.sample();
    }
    const wallMs = since(started);
    // Need-offer matching runs just after each post, outside it (bot/matching.ts): timed apart.
    const pending = db.$client.prepare<[], number>("SELECT count(*) FROM pending_matches").pluck();
    const toMatch = pending.get() ?? 0;
    const matchStarted = performance.now();
    const notices = world.app.matching.runNow();
    const matchMs = since(matchStarted);
    const published = (lastId.get() ?? 0) - before;
    const refusals = db.$client
      .prepare<[], string>("SELECT payload FROM outbox WHERE payload LIKE '%⛔%'")
      .pluck()
      .all();
    const queued = emptyOutbox(world);
    const perSecond = (options.posts * 1000) / wallMs;
    const latency = summarize(times);
    const lines = [
      `posting: ${count(options.posts)} one-line posts (after ${warmup} untimed) from ${POSTERS} members in ${ROOMS} rooms, one at a time through app.pipeline.handle()`,
      `  ${count(perSecond)} posts/s · ${(wallMs / 1000).toFixed(2)} s · per post p50 ${ms(latency.p50)} ms, p95 ${ms(latency.p95)} ms, max ${ms(latency.max)} ms`,
      `  ${count(published)} published, ${count(options.posts - published)} went to the guided form, ${refusals.length} refused; ${count(queued)} replies queued (outbox emptied afterwards, no delivery running)`,
      `  need-offer matching, just after the posts (bot/matching.ts): ${count(toMatch)} listings in ${(matchMs / 1000).toFixed(2)} s, ${count((toMatch * 1000) / Math.max(1, matchMs))} a second, ${count(notices)} authors told of matches`,
    ];
    const firstRefusal = refusals[0];
    if (firstRefusal !== undefined) lines.push(`  first refusal: ${firstRefusal.slice(0, 200)}`);
    return {
      lines,
      targets: [
        {
          label: "≥ 1,000 posts/s",
          applies: true,
          met: perSecond >= 1000,
          detail: `${count(perSecond)} posts/s`,
        },
      ],
      data: {
        posts: options.posts,
        warmup,
        wallMs,
        perSecond,
        latency,
        published,
        refused: refusals.length,
      },
    };
  },
};
