/**
 * Structures: `/structure` (mine, or another's profile by number), `/structure creer`
 * (guided), `modifier`, `inviter` (a one-time code for a colleague), `rejoindre <code>`,
 * `equipe`, `admin <n°>`, `quitter`; The directory is in directory.ts.
 */
import { UserError } from "../bot/errors.js";
import { code, list, message, paragraph, strong, type Block, type Button } from "../bot/reply.js";
import { oneTimeCode, readCode } from "../storage/codes.js";
import { memberById } from "../storage/members.js";
import {
  createInvite,
  joinStructure,
  leaveStructure,
  openListingsOfStructure,
  setStructureRole,
  structureById,
  structureOfMember,
  structureTeam,
  updateStructure,
  useInvite,
  type Structure,
} from "../storage/structures.js";
import { nameKey } from "../storage/text.js";
import { parsedArgs } from "./args.js";
import { listingLine } from "./listing-view.js";
import { startStructureFlow } from "./structure-flow.js";
import { fieldOf, parseField, structureCard } from "./structure-input.js";
import {
  defineCommand,
  here,
  inPrivate,
  type CommandContext,
  type CommandResult,
} from "./types.js";

/** How long an invitation code stays valid. */
const INVITE_DAYS = 7;
/** Open listings shown on a profile. */
const PROFILE_LISTINGS = 10;

/** The actions of `/structure`, by the words people type in either language. */
const ACTIONS: Record<string, (ctx: CommandContext, rest: string[]) => CommandResult> = {
  creer: (ctx) => startStructureFlow(ctx),
  create: (ctx) => startStructureFlow(ctx),
  nouvelle: (ctx) => startStructureFlow(ctx),
  modifier: edit,
  edit,
  inviter: invite,
  invite,
  rejoindre: join,
  join,
  equipe: team,
  team,
  admin: promote,
  quitter: leave,
  leave,
  partir: leave,
};

/** The person's structure, or a refusal saying how to create or join one. */
function mine(ctx: CommandContext): { structure: Structure; role: "admin" | "member" } {
  const found = structureOfMember(ctx.db, ctx.member.id);
  if (!found)
    throw new UserError("structure-none", {
      create: ctx.command("structure", ctx.t("structure-word-create")),
    });
  return found;
}

function mineAsAdmin(ctx: CommandContext): Structure {
  const { structure, role } = mine(ctx);
  if (role !== "admin") throw new UserError("structure-admins-only", { name: structure.name });
  return structure;
}

/** A structure's profile: card, team size, open listings with buttons to see them. */
function profile(ctx: CommandContext, structure: Structure): CommandResult {
  const listings = openListingsOfStructure(ctx.db, structure.id, PROFILE_LISTINGS);
  const teamSize = structureTeam(ctx.db, structure.id).length;
  const blocks: Block[] = [
    ...structureCard(ctx, structure),
    paragraph(ctx.t("structure-team-size", { count: teamSize })),
    paragraph(strong(ctx.t("structure-open-listings", { count: listings.length }))),
  ];
  if (listings.length > 0) blocks.push(list(listings.map((l) => listingLine(ctx, l))));
  const buttons: Button[][] = listings
    .slice(0, 3)
    .map((l) => [
      { label: ctx.t("button-show", { id: l.id }), command: ctx.command("show", l.id) },
    ]);
  const own = structureOfMember(ctx.db, ctx.member.id);
  if (own?.structure.id === structure.id) {
    buttons.push([
      {
        label: ctx.t("button-structure-invite"),
        command: ctx.command("structure", ctx.t("structure-word-invite")),
      },
      {
        label: ctx.t("button-structure-team"),
        command: ctx.command("structure", ctx.t("structure-word-team")),
      },
    ]);
  }
  return here(message(blocks, buttons));
}

function edit(ctx: CommandContext, rest: string[]): CommandResult {
  const structure = mineAsAdmin(ctx);
  const [word, ...value] = rest;
  const field = fieldOf(word);
  if (!field)
    throw new UserError("structure-edit-usage", {
      example: `${ctx.command("structure", ctx.t("structure-word-edit"))} ${ctx.t("structure-edit-example")}`,
    });
  const patch = parseField(ctx, field, value.join(" "));
  if (patch.name) patch.nameKey = nameKey(patch.name);
  updateStructure(ctx.db, structure.id, patch, ctx.now);
  ctx.audit({ action: "structure-edited", details: { structure: structure.id, field } });
  const updated = structureById(ctx.db, structure.id) ?? structure;
  return here(
    message([
      paragraph(ctx.t("structure-edited", { name: updated.name })),
      ...structureCard(ctx, updated),
    ]),
  );
}

function invite(ctx: CommandContext): CommandResult {
  const { structure } = mine(ctx);
  const code_ = oneTimeCode();
  createInvite(
    ctx.db,
    {
      code: code_,
      structureId: structure.id,
      createdBy: ctx.member.id,
      expiresAt: ctx.now + INVITE_DAYS * 86_400_000,
    },
    ctx.now,
  );
  ctx.audit({ action: "structure-invite", details: { structure: structure.id } });
  const line = ctx.command("structure", ctx.t("structure-word-join"), code_);
  const text = message([
    paragraph(ctx.t("structure-invite-created", { name: structure.name, days: INVITE_DAYS })),
    paragraph(code(line)),
  ]);
  // The code is a key to the structure: it goes to the private chat.
  return ctx.room.kind === "direct"
    ? here(text)
    : [here(message([paragraph(ctx.t("structure-invite-private"))])), inPrivate(text)];
}

function join(ctx: CommandContext, rest: string[]): CommandResult {
  const typed = readCode(rest[0] ?? "");
  if (!typed) throw new UserError("structure-join-code-missing");
  const current = structureOfMember(ctx.db, ctx.member.id);
  if (current) checkNotLastAdmin(ctx, current.structure, current.role);
  const structureId = useInvite(ctx.db, typed, ctx.member.id, ctx.now);
  const structure = structureId === undefined ? undefined : structureById(ctx.db, structureId);
  if (!structure) throw new UserError("structure-join-code-invalid", { code: typed });
  const before = structureOfMember(ctx.db, ctx.member.id);
  joinStructure(ctx.db, structure.id, ctx.member.id, "member", ctx.now);
  ctx.audit({
    action: "structure-joined",
    details: { structure: structure.id, left: before?.structure.id ?? null },
  });
  const name = ctx.member.displayName;
  for (const colleague of structureTeam(ctx.db, structure.id)) {
    if (colleague.role === "admin" && colleague.memberId !== ctx.member.id)
      ctx.notifyMember(colleague.memberId, (t) =>
        message([paragraph(t("structure-joined-notice", { name, structure: structure.name }))]),
      );
  }
  return here(message([paragraph(ctx.t("structure-joined", { name: structure.name }))]));
}

function team(ctx: CommandContext): CommandResult {
  const { structure } = mine(ctx);
  const members = structureTeam(ctx.db, structure.id);
  return here(
    message([
      paragraph(
        strong(ctx.t("structure-team-heading", { name: structure.name, count: members.length })),
      ),
      list(
        members.map((m) => [
          strong(`n°${m.memberId}`),
          " ",
          memberById(ctx.db, m.memberId)?.displayName ?? "",
          ...(m.role === "admin" ? [" — ", ctx.t("structure-role-admin")] : []),
        ]),
      ),
      paragraph(
        ctx.t("structure-team-how", { admin: `${ctx.command("structure", "admin")} <n°>` }),
      ),
    ]),
  );
}

function promote(ctx: CommandContext, rest: string[]): CommandResult {
  const structure = mineAsAdmin(ctx);
  const id = Number((rest[0] ?? "").replace(/^n°/i, ""));
  const colleague = structureTeam(ctx.db, structure.id).find((m) => m.memberId === id);
  if (!colleague)
    throw new UserError("structure-not-a-colleague", {
      id: rest[0] ?? "",
      team: ctx.command("structure", ctx.t("structure-word-team")),
    });
  setStructureRole(ctx.db, id, "admin");
  ctx.audit({
    action: "structure-admin",
    subjectMemberId: id,
    details: { structure: structure.id },
  });
  ctx.notifyMember(id, (t) =>
    message([paragraph(t("structure-admin-notice", { name: structure.name }))]),
  );
  return here(
    message([
      paragraph(ctx.t("structure-admin-done", { name: memberById(ctx.db, id)?.displayName ?? "" })),
    ]),
  );
}

/** A structure keeps an administrator while it has members: the last one names another first. */
function checkNotLastAdmin(
  ctx: CommandContext,
  structure: Structure,
  role: "admin" | "member",
): void {
  const team = structureTeam(ctx.db, structure.id);
  const otherAdmins = team.filter((m) => m.role === "admin" && m.memberId !== ctx.member.id);
  if (role === "admin" && otherAdmins.length === 0 && team.length > 1)
    throw new UserError("structure-last-admin", {
      name: structure.name,
      admin: `${ctx.command("structure", "admin")} <n°>`,
    });
}

function leave(ctx: CommandContext): CommandResult {
  const { structure, role } = mine(ctx);
  checkNotLastAdmin(ctx, structure, role);
  leaveStructure(ctx.db, ctx.member.id);
  ctx.audit({ action: "structure-left", details: { structure: structure.id } });
  return here(message([paragraph(ctx.t("structure-left", { name: structure.name }))]));
}

/** `/structure [creer|modifier|inviter|rejoindre|equipe|admin|quitter|<n°>]`. */
export const structureCommand = defineCommand({
  id: "structure",
  names: { fr: ["structure"], en: ["organisation", "organization", "org"] },
  section: "contact",
  access: "everyone",
  args: parsedArgs.transform((a) => ({ words: a.words })),
  run(ctx, { words }) {
    const [first, ...rest] = words;
    if (!first) {
      const own = structureOfMember(ctx.db, ctx.member.id);
      if (own) return profile(ctx, own.structure);
      return here(
        message(
          [
            paragraph(
              ctx.t("structure-none", {
                create: ctx.command("structure", ctx.t("structure-word-create")),
              }),
            ),
          ],
          [
            [
              {
                label: ctx.t("button-structure-create"),
                command: ctx.command("structure", ctx.t("structure-word-create")),
              },
            ],
          ],
        ),
      );
    }
    const number = /^(?:n°|#)?(\d{1,9})$/i.exec(first)?.[1];
    if (number) {
      const structure = structureById(ctx.db, Number(number));
      if (!structure) throw new UserError("structure-not-found", { id: number });
      return profile(ctx, structure);
    }
    const key = nameKey(first);
    // Only the listed words: "constructor" or "toString" are not actions.
    const action = Object.hasOwn(ACTIONS, key) ? ACTIONS[key] : undefined;
    if (!action) {
      const error = new UserError("structure-action-unknown", { typed: first.slice(0, 30) });
      error.usageOf = "structure";
      throw error;
    }
    return action(ctx, rest);
  },
});
