/**
 * Search: `/chercher [mots] [type:offre|besoin] [#categorie] [lieu:…] [modalite:…] [statut:…]`
 * (`/search`), pages of ten with buttons, and the ordering rule stated under the results.
 */
import { z } from "zod";
import { UserError } from "../bot/errors.js";
import { message, paragraph, strong, type Button, type Inline } from "../bot/reply.js";
import {
  latestSearch,
  saveSearch,
  searchById,
  searchListings,
  setSearchPage,
  type SearchCriteria,
} from "../storage/search.js";
import { parsedArgs } from "./args.js";
import { resolveSearchPlace, resolveWord } from "./listing-input.js";
import { listingsMessage } from "./listing-view.js";
import { defineCommand, here, type CommandContext, type Reply } from "./types.js";

/** Results per page. */
export const SEARCH_PAGE_SIZE = 10;

/** Reads the criteria typed after `/chercher`. */
export function criteriaFromArgs(
  ctx: CommandContext,
  args: z.infer<typeof parsedArgs>,
): SearchCriteria {
  const { kind, terms, place, status } = args.options;
  const [tag] = args.tags;
  const found = place ? resolveSearchPlace(ctx, place) : undefined;
  return {
    words: args.words.map((w) => w.slice(0, 60)).slice(0, 12),
    ...(kind
      ? { kind: resolveWord(ctx, "kinds", kind, "kind-unknown") as SearchCriteria["kind"] }
      : {}),
    ...(tag ? { category: resolveWord(ctx, "categories", tag, "category-unknown") } : {}),
    ...(terms ? { terms: resolveWord(ctx, "terms", terms, "terms-unknown") } : {}),
    ...(found ? { place: { kind: found.kind, code: found.code } } : {}),
    status: status
      ? (resolveWord(ctx, "statuses", status, "status-unknown") as SearchCriteria["status"])
      : "open",
  };
}

/** What was searched, in words: « camionnette » · Hautes-Pyrénées (65) · offres. */
export function criteriaSummary(ctx: CommandContext, criteria: SearchCriteria): string {
  const parts: string[] = [];
  if (criteria.words.length > 0)
    parts.push(ctx.t("search-words", { words: criteria.words.join(" ") }));
  if (criteria.kind) parts.push(ctx.t(`kind-${criteria.kind}-plural`));
  if (criteria.category) parts.push(ctx.t(`category-${criteria.category}`));
  if (criteria.place) {
    const place = ctx.places.byCode(criteria.place.kind, criteria.place.code);
    if (place) parts.push(ctx.places.label(place));
  }
  if (criteria.terms) parts.push(ctx.t(`terms-${criteria.terms}`));
  if (criteria.status !== "open") parts.push(ctx.t(`search-status-${criteria.status}`));
  return parts.length > 0 ? parts.join(" · ") : ctx.t("search-everything");
}

/**
 * One page of results for a saved search. In a group, results longer than a page go to the
 * person's private chat, with a short pointer in the group: the group is a conversation,
 * not a list.
 */
export function searchPage(
  ctx: CommandContext,
  searchId: number,
  criteria: SearchCriteria,
  page: number,
  previousPage: number,
): Reply[] {
  const reply = resultsPage(ctx, searchId, criteria, page, previousPage);
  if (ctx.room.kind === "direct" || !reply.paged) return [reply.reply];
  return [
    here(message([paragraph(ctx.t("search-sent-private", { name: ctx.member.displayName }))])),
    { ...reply.reply, to: "private", replaceSource: false },
  ];
}

function resultsPage(
  ctx: CommandContext,
  searchId: number,
  criteria: SearchCriteria,
  page: number,
  previousPage: number,
): { reply: Reply; paged: boolean } {
  const found = searchListings(ctx.db, ctx.places, criteria, page, SEARCH_PAGE_SIZE);
  if (page !== previousPage) setSearchPage(ctx.db, searchId, page);
  const summary = criteriaSummary(ctx, criteria);
  if (found.listings.length === 0) {
    const key =
      page > 0 ? "search-no-more" : criteria.status === "open" ? "search-none-open" : "search-none";
    return {
      reply: here(message([paragraph(ctx.t(key, { criteria: summary }))]), ctx.fromButton),
      paged: page > 0,
    };
  }
  const buttons: Button[] = [];
  if (page > 0)
    buttons.push({ label: ctx.t("button-previous"), command: ctx.command("more", searchId, page) });
  if (found.hasMore)
    buttons.push({ label: ctx.t("button-more"), command: ctx.command("more", searchId, page + 2) });
  const heading: Inline[] = [
    strong(ctx.t("search-heading", { criteria: summary, page: page + 1 })),
  ];
  const first = found.listings[0]?.id ?? 1;
  const reply = here(
    listingsMessage(
      ctx,
      heading,
      found.listings,
      [
        paragraph(
          ctx.t(found.ordering === "relevance" ? "search-order-relevance" : "search-order-recent"),
        ),
        paragraph(ctx.t("search-show-hint", { show: ctx.command("show", first) })),
      ],
      [
        ...(buttons.length > 0 ? [buttons] : []),
        // A search with criteria can become an alert (a digest's fixed list cannot).
        ...(criteria.ids
          ? []
          : [
              [
                {
                  label: ctx.t("button-save-alert"),
                  command: ctx.command(
                    "alert",
                    ctx.catalog.word("alertActions", "fromSearch", ctx.locale),
                    searchId,
                  ),
                },
              ],
            ]),
      ],
      criteria.status !== "open",
    ),
    ctx.fromButton,
  );
  return { reply, paged: buttons.length > 0 };
}

/** `/chercher …` — searches the listings. */
export const searchCommand = defineCommand({
  id: "search",
  names: { fr: ["chercher", "recherche", "rechercher"], en: ["search", "find"] },
  section: "find",
  access: "everyone",
  options: ["place", "kind", "terms", "status"],
  args: parsedArgs,
  run(ctx, args) {
    const criteria = criteriaFromArgs(ctx, args);
    const searchId = saveSearch(ctx.db, ctx.member.id, criteria, ctx.now);
    const replies = searchPage(ctx, searchId, criteria, 0, 0);
    if (args.tags.length > 1) {
      replies
        .at(-1)
        ?.text.blocks.unshift(
          paragraph(ctx.t("search-category-one-only", { used: args.tags[0] ?? "" })),
        );
    }
    return replies;
  },
});

/** `/plus [recherche] [page]` — another page of a search (the latest one by default). */
export const moreCommand = defineCommand({
  id: "more",
  names: { fr: ["plus", "suite"], en: ["more", "next"] },
  section: "find",
  access: "everyone",
  hidden: true,
  args: parsedArgs
    .transform((a): { search?: string; page?: string } => ({
      search: a.words[0],
      page: a.words[1],
    }))
    .pipe(
      z.object({
        search: z.coerce
          .number<string>({ error: "arg-search-number" })
          .int({ error: "arg-search-number" })
          .positive({ error: "arg-search-number" })
          .optional(),
        page: z.coerce
          .number<string>({ error: "arg-page" })
          .int({ error: "arg-page" })
          .min(1, { error: "arg-page" })
          .max(1000, { error: "arg-page" })
          .optional(),
      }),
    ),
  run(ctx, args) {
    const saved =
      args.search === undefined
        ? latestSearch(ctx.db, ctx.member.id)
        : searchById(ctx.db, args.search);
    // Another person's search is none of ours: treat it as missing.
    if (!saved || saved.memberId !== ctx.member.id)
      throw new UserError("search-expired", { search: ctx.command("search") });
    const page = args.page === undefined ? saved.page + 1 : args.page - 1;
    return searchPage(ctx, saved.id, saved.criteria, page, saved.page);
  },
});
