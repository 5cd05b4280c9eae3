/**
 * The territory charter: accepted once (button or `/charte oui`) before a member's first post.
 * The territory may write its own text (CHARTER_TEXT); the default is in the locales.
 */
import { message, paragraph, strong, type RichText } from "../bot/reply.js";
import type { Translator } from "../bot/i18n.js";
import { acceptCharter } from "../storage/membership.js";
import { parsedArgs } from "./args.js";
import { defineCommand, here, type CommandContext, type CommandResult } from "./types.js";

/** The charter's text in a language: the territory's own, else the default one. */
export function charterText(ctx: CommandContext, t: Translator = ctx.t): string {
  return (
    ctx.settings.charterText ?? t("charter-default-text", { territory: ctx.settings.territoryName })
  );
}

/** The charter with its "I accept" button. */
function charterMessage(ctx: CommandContext, intro: string): RichText {
  return message(
    [
      paragraph(strong(ctx.t("charter-heading", { territory: ctx.settings.territoryName }))),
      paragraph(charterText(ctx)),
      paragraph(intro),
    ],
    [
      [
        {
          label: ctx.t("button-charter-accept"),
          command: ctx.command("charter", ctx.catalog.word("answers", "yes", ctx.locale)),
        },
      ],
    ],
  );
}

/**
 * Before a member's first post: the charter to accept, or undefined once accepted. Shown
 * where the person asked (the answer is a button or `/charte oui`).
 */
export function charterGate(ctx: CommandContext): CommandResult {
  if (ctx.member.charterAcceptedAt !== null || ctx.settings.charterRequired === false)
    return undefined;
  return here(
    charterMessage(
      ctx,
      ctx.t("charter-before-post", {
        accept: ctx.command("charter", ctx.catalog.word("answers", "yes", ctx.locale)),
      }),
    ),
  );
}

/** `/charte [oui]` — shows the territory charter, or accepts it. */
export const charterCommand = defineCommand({
  id: "charter",
  names: { fr: ["charte"], en: ["charter"] },
  section: "account",
  access: "everyone",
  args: parsedArgs.transform((a) => a.words[0] ?? ""),
  run(ctx, word) {
    const answer = word ? ctx.catalog.lookup("answers", word, ctx.locale) : undefined;
    if (answer?.found && answer.id === "yes") {
      if (ctx.member.charterAcceptedAt === null) {
        acceptCharter(ctx.db, ctx.member.id, ctx.now);
        ctx.audit({ action: "charter-accepted" });
      }
      return here(
        message(
          [
            paragraph(
              ctx.t("charter-accepted", { offer: ctx.command("offer"), need: ctx.command("need") }),
            ),
          ],
          // The guided forms, one press away from what the person was about to do.
          [
            [
              { label: ctx.t("button-post-offer"), command: ctx.command("offer") },
              { label: ctx.t("button-post-need"), command: ctx.command("need") },
            ],
          ],
        ),
        ctx.fromButton,
      );
    }
    if (ctx.member.charterAcceptedAt !== null)
      return here(
        message([
          paragraph(strong(ctx.t("charter-heading", { territory: ctx.settings.territoryName }))),
          paragraph(charterText(ctx)),
          paragraph(ctx.t("charter-accepted-on", { date: new Date(ctx.member.charterAcceptedAt) })),
        ]),
      );
    return here(
      charterMessage(
        ctx,
        ctx.t("charter-how", {
          accept: ctx.command("charter", ctx.catalog.word("answers", "yes", ctx.locale)),
        }),
      ),
    );
  },
});
