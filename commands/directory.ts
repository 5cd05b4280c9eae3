/**
 * The directory of structures: `/annuaire [mots] [secteur:…] [lieu:…]`, words in the name and
 * description, the NAF sector and the place hierarchy, newest first.
 */
import { list, message, paragraph, strong } from "../bot/reply.js";
import { searchStructures } from "../storage/structures.js";
import { parsedArgs } from "./args.js";
import { resolveListingPlace } from "./listing-input.js";
import { SECTORS, communeLabel, resolveSector } from "./structure-input.js";
import { defineCommand, here } from "./types.js";

/** Structures shown by the directory. */
const DIRECTORY_PAGE = 10;

/** `/annuaire [mots] [secteur:…] [lieu:…]` — the directory of structures. */
export const directoryCommand = defineCommand({
  id: "directory",
  names: { fr: ["annuaire"], en: ["directory"] },
  section: "contact",
  access: "everyone",
  options: ["place", "sector"],
  args: parsedArgs,
  run(ctx, args) {
    const sector = args.options.sector ? resolveSector(args.options.sector) : undefined;
    const placeTyped = args.options.place;
    const place = placeTyped ? resolveListingPlace(ctx, placeTyped) : undefined;
    const found = searchStructures(
      ctx.db,
      ctx.places,
      {
        words: args.words,
        ...(sector ? { sector } : {}),
        ...(place && place.kind !== "postcode"
          ? { place: { kind: place.kind, code: place.code } }
          : {}),
      },
      DIRECTORY_PAGE + 1,
    );
    if (found.length === 0)
      return here(
        message([
          paragraph(
            ctx.t("directory-none", {
              create: ctx.command("structure", ctx.t("structure-word-create")),
            }),
          ),
        ]),
      );
    const shown = found.slice(0, DIRECTORY_PAGE);
    return here(
      message(
        [
          paragraph(strong(ctx.t("directory-heading", { count: shown.length }))),
          list(
            shown.map((s) => [
              strong(`n°${s.id}`),
              " ",
              strong(s.name),
              ` — ${ctx.t(`structure-type-${s.type}`)} · ${SECTORS.label(s.sector, ctx.locale)} · ${communeLabel(ctx, s.communeCode)}`,
            ]),
          ),
          paragraph(
            ctx.t(found.length > DIRECTORY_PAGE ? "directory-more" : "directory-how", {
              profile: `${ctx.command("structure")} <n°>`,
            }),
          ),
        ],
        shown.slice(0, 5).map((s) => [
          {
            label: ctx.t("button-structure-show", { name: s.name }),
            command: ctx.command("structure", s.id),
          },
        ]),
      ),
    );
  },
});
