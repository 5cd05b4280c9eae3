/**
 * The guided creation of a structure (`/structure creer`): one question at a time in the
 * person's private chat, with buttons for the choices; the draft is stored after every answer.
 */
import { UserError } from "../bot/errors.js";
import { list, message, paragraph, strong, type Block, type Button } from "../bot/reply.js";
import { endConversation, getConversation, saveConversation } from "../storage/conversations.js";
import {
  createStructure,
  structureOfMember,
  type NewStructure,
  type Structure,
} from "../storage/structures.js";
import { nameKey } from "../storage/text.js";
import {
  OPTIONAL_FIELDS,
  SECTORS,
  STRUCTURE_FIELDS,
  parseField,
  structureCard,
  structureFacts,
  type StructureField,
} from "./structure-input.js";
import {
  here,
  inPrivate,
  type CommandContext,
  type CommandResult,
  type Flow,
  type Reply,
} from "./types.js";

/** Id of the flow, stored with the conversation. */
export const STRUCTURE_FLOW = "structure";

/** The structure being written: the fields answered so far. */
type StructureDraft = Partial<NewStructure> & { answered: StructureField[] };

function question(
  ctx: CommandContext,
  field: StructureField,
  draft: StructureDraft,
  note?: string,
): Reply {
  const step = STRUCTURE_FIELDS.indexOf(field) + 1;
  const blocks: Block[] = note ? [paragraph(note)] : [];
  blocks.push(
    paragraph(
      strong(ctx.t("post-progress", { step, steps: STRUCTURE_FIELDS.length })),
      " ",
      ctx.t(`structure-ask-${field}`),
    ),
  );
  let buttons: Button[][] = [];
  if (field === "type") {
    buttons = ctx.catalog
      .entries("structureTypes")
      .map((e) => [{ label: ctx.t(`structure-type-${e.id}`), command: e[ctx.locale][0] ?? e.id }]);
  } else if (field === "sector") {
    blocks.push(list(SECTORS.all.map((s) => [strong(s.id), ` — ${s[ctx.locale]}`])));
  }
  if (OPTIONAL_FIELDS.has(field))
    buttons.push([
      { label: ctx.t("button-skip"), command: ctx.catalog.word("answers", "skip", ctx.locale) },
    ]);
  if (draft.answered.length > 0 && field === "contact") {
    blocks.push(paragraph(ctx.t("structure-ask-last")), list(structureFacts(ctx, draft)));
  }
  buttons.push([{ label: ctx.t("button-cancel"), command: ctx.command("cancel") }]);
  return here(message(blocks, buttons));
}

function nextField(draft: StructureDraft): StructureField | undefined {
  return STRUCTURE_FIELDS.find((f) => !draft.answered.includes(f));
}

/** Starts the guided creation; from a group, the questions go to the private chat. */
export function startStructureFlow(ctx: CommandContext): CommandResult {
  const current = structureOfMember(ctx.db, ctx.member.id);
  if (current)
    throw new UserError("structure-already", {
      name: current.structure.name,
      leave: ctx.command("structure", ctx.t("structure-word-leave")),
    });
  const draft: StructureDraft = { answered: [] };
  saveConversation(
    ctx.db,
    {
      memberId: ctx.member.id,
      flow: STRUCTURE_FLOW,
      step: "name",
      data: draft,
      originRoomId: ctx.room.id,
    },
    ctx.now,
  );
  const first = question(ctx, "name", draft);
  if (ctx.room.kind === "direct") return first;
  return [
    here(
      message([paragraph(ctx.t("structure-continue-private", { name: ctx.member.displayName }))]),
    ),
    inPrivate(first.text),
  ];
}

/** Saves a complete draft as a structure with the person as its administrator. */
function create(ctx: CommandContext, draft: StructureDraft): Structure {
  const fields = draft;
  if (!fields.name || !fields.type || !fields.sector || !fields.communeCode || !fields.placeTags)
    throw new Error("creating a structure from an incomplete draft");
  const structure = createStructure(
    ctx.db,
    {
      name: fields.name,
      nameKey: nameKey(fields.name),
      type: fields.type,
      sector: fields.sector,
      communeCode: fields.communeCode,
      placeTags: fields.placeTags,
      description: fields.description ?? "",
      website: fields.website ?? null,
      publicContact: fields.publicContact ?? null,
    },
    ctx.member.id,
    ctx.now,
  );
  ctx.audit({
    action: "structure-created",
    details: { structure: structure.id, name: structure.name },
  });
  return structure;
}

/** The guided creation as a flow of the pipeline. */
export const structureFlow: Flow = {
  id: STRUCTURE_FLOW,
  answer(ctx, text) {
    const conversation = getConversation<StructureDraft>(ctx.db, ctx.member.id);
    if (!conversation) return undefined;
    const draft = conversation.data;
    const field = nextField(draft);
    if (!field) return undefined;
    const skipped = ctx.catalog.lookup("answers", text.trim() || "-", ctx.locale);
    const skip = skipped.found && skipped.id === "skip";
    if (skip && !OPTIONAL_FIELDS.has(field))
      return question(ctx, field, draft, ctx.t("structure-field-required"));
    try {
      Object.assign(draft, parseField(ctx, field, skip ? "" : text));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return question(ctx, field, draft, ctx.t(error.key, error.args));
    }
    draft.answered.push(field);
    const next = nextField(draft);
    if (next) {
      saveConversation(ctx.db, { ...conversation, step: next, data: draft }, ctx.now);
      return question(ctx, next, draft);
    }
    endConversation(ctx.db, ctx.member.id);
    const structure = create(ctx, draft);
    return here(
      message(
        [
          paragraph(strong(ctx.t("structure-created", { name: structure.name }))),
          ...structureCard(ctx, structure),
          paragraph(
            ctx.t("structure-created-next", {
              invite: ctx.command("structure", ctx.t("structure-word-invite")),
              offer: ctx.command("offer"),
            }),
          ),
        ],
        [
          [
            {
              label: ctx.t("button-structure-invite"),
              command: ctx.command("structure", ctx.t("structure-word-invite")),
            },
          ],
        ],
      ),
    );
  },
};
