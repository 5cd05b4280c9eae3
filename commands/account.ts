/** The person's own settings and the help: `/langue`, `/aide`. */
import { UserError } from "../bot/errors.js";
import { isLocale, LOCALES } from "../bot/i18n.js";
import { code, list, message, paragraph, strong, type Block, type Inline } from "../bot/reply.js";
import { setMemberLocale } from "../storage/members.js";
import { withPrefix } from "../bot/context.js";
import { parsedArgs } from "./args.js";
import { currentNetworkId } from "./membership.js";
import { isModeratorOf } from "./moderators.js";
import { HELP_SECTIONS, defineCommand, here, type Command, type CommandContext } from "./types.js";

/** `/langue en` — chooses the language the bot speaks to the person. */
export const languageCommand = defineCommand({
  id: "language",
  names: { fr: ["langue"], en: ["language", "lang"] },
  section: "account",
  access: "everyone",
  args: parsedArgs.transform((a) => a.words[0]?.toLowerCase().slice(0, 10)),
  run(ctx, wanted) {
    if (!wanted) {
      return here(
        message([
          paragraph(ctx.t("language-current", { locale: ctx.locale, choices: LOCALES.join(", ") })),
        ]),
      );
    }
    const aliases: Record<string, string> = {
      francais: "fr",
      français: "fr",
      french: "fr",
      anglais: "en",
      english: "en",
    };
    const locale = Object.hasOwn(aliases, wanted) ? aliases[wanted] : wanted;
    if (!isLocale(locale))
      throw new UserError("language-unknown", { typed: wanted, choices: LOCALES.join(", ") });
    setMemberLocale(ctx.db, ctx.member.id, locale);
    // Answer in the language just chosen.
    return here(message([paragraph(ctx.translator(locale)("language-set"))]));
  },
});

/** The line of a command in the help list: `/offre` — summary. */
function helpLine(ctx: CommandContext, command: Command): Inline[] {
  return [
    code(`${ctx.commandPrefix}${ctx.commands.nameOf(command.id, ctx.locale)}`),
    " — ",
    ctx.t(`cmd-${command.id}-summary`),
  ];
}

/** The help of one command: usage, details, other names. */
function commandHelp(ctx: CommandContext, command: Command): Block[] {
  const names = [...command.names[ctx.locale], ...command.names[ctx.locale === "fr" ? "en" : "fr"]];
  const blocks: Block[] = [
    paragraph(
      strong(`${ctx.commandPrefix}${names[0] ?? command.id}`),
      " — ",
      ctx.t(`cmd-${command.id}-summary`),
    ),
    paragraph(
      ctx.t("usage-label"),
      " ",
      code(withPrefix(ctx.t(`cmd-${command.id}-usage`), ctx.commandPrefix)),
    ),
    paragraph(ctx.t(`cmd-${command.id}-details`)),
  ];
  if (names.length > 1)
    blocks.push(
      paragraph(
        ctx.t("help-also", {
          names: names
            .slice(1)
            .map((n) => `${ctx.commandPrefix}${n}`)
            .join(", "),
        }),
      ),
    );
  if (command.access !== "everyone") blocks.push(paragraph(ctx.t(`help-access-${command.access}`)));
  return blocks;
}

/** `/aide [commande]` — the list of commands, or the help of one, generated from their declarations. */
export const helpCommand = defineCommand({
  id: "help",
  names: { fr: ["aide"], en: ["help"] },
  section: "account",
  access: "everyone",
  args: parsedArgs.transform((a) => a.words[0]?.replace(/^[/!]/, "").toLowerCase()),
  run(ctx, topic) {
    if (topic) {
      const command = ctx.commands.find(topic.normalize("NFD").replace(/\p{M}/gu, ""));
      if (!command)
        throw new UserError("help-unknown", {
          typed: topic.slice(0, 40),
          help: ctx.command("help"),
        });
      return here(message(commandHelp(ctx, command)));
    }
    const blocks: Block[] = [
      paragraph(strong(ctx.t("help-title", { territory: ctx.settings.territoryName }))),
    ];
    blocks.push(paragraph(ctx.t("help-intro")));
    // Animators' tools are listed to those who moderate here (or, in private, their last network).
    const moderates = ctx.role !== "member" || isModeratorOf(ctx, currentNetworkId(ctx));
    const shown = (c: Command) =>
      c.access === "everyone" ? c.listedFor !== "animators" || moderates : ctx.role !== "member";
    for (const section of HELP_SECTIONS) {
      const commands = ctx.commands.commands.filter(
        (c) => c.section === section && !c.hidden && shown(c),
      );
      if (commands.length === 0) continue;
      blocks.push(
        paragraph(strong(ctx.t(`help-section-${section}`))),
        list(commands.map((c) => helpLine(ctx, c))),
      );
    }
    blocks.push(paragraph(ctx.t("help-ordering")), paragraph(ctx.t("help-matching")));
    blocks.push(
      paragraph(
        ctx.t("help-more", {
          example: ctx.command("help", ctx.commands.nameOf("offer", ctx.locale)),
        }),
      ),
    );
    return here(message(blocks));
  },
});
