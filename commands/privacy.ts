/**
 * The member's rights over their data: `/mesdonnees` sends, in private, a summary and a JSON
 * file of everything stored about them (or, for a structure's administrators, about their
 * structure); `/oublier` asks for their erasure, carried out after a grace period
 * (storage/erasure.ts, bot/privacy-jobs.ts) unless they cancel it.
 */
import { z } from "zod";
import { UserError } from "../bot/errors.js";
import { list, message, paragraph, strong, type Inline } from "../bot/reply.js";
import {
  cancelErasure,
  ERASURE_GRACE_DAYS,
  erasureRequestOf,
  requestErasure,
} from "../storage/erasure.js";
import { memberById } from "../storage/members.js";
import { personalDataOf, structureDataOf } from "../storage/personal-data.js";
import { structureOfMember } from "../storage/structures.js";
import { nameKey } from "../storage/text.js";
import { parsedArgs } from "./args.js";
import { publicName, senderLabel } from "./contact-relay.js";
import {
  defineCommand,
  here,
  inPrivate,
  type CommandContext,
  type CommandResult,
  type Reply,
} from "./types.js";

/** How another member is named in the file: as the relay names them. */
function nameOf(ctx: CommandContext): (id: number) => string {
  return (id) => {
    const other = memberById(ctx.db, id);
    return other ? senderLabel(ctx, ctx.t, other) : ctx.t("contact-member-number", { id });
  };
}

/**
 * In a group: a word here (`key`: the data was sent, or the answer follows), the rest in
 * private.
 */
function privately(
  ctx: CommandContext,
  replies: Reply[],
  key: "privacy-sent-private" | "privacy-answer-private" = "privacy-sent-private",
): Reply[] {
  if (ctx.room.kind === "direct") return replies;
  return [
    here(message([paragraph(ctx.t(key, { name: ctx.member.displayName }))])),
    ...replies.map((r) => ({ ...r, to: "private" as const })),
  ];
}

/** The file's name: `mes-donnees-2026-11-29.json`. */
function filename(ctx: CommandContext, key: string): string {
  return `${ctx.t(key)}-${new Date(ctx.now).toISOString().slice(0, 10)}.json`;
}

type Rows = Record<string, unknown>[];

/** The summary of the document: counts, table by table. */
function summary(ctx: CommandContext, data: Record<string, Rows>): Inline[][] {
  const count = (table: string, where: (row: Record<string, unknown>) => boolean = () => true) =>
    (data[table] ?? []).filter(where).length;
  const byStatus = new Map<string, number>();
  for (const listing of data.listings ?? []) {
    const status = listing.redactedAt ? "anonymised" : String(listing.status);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }
  const statuses = [...byStatus]
    .map(([status, n]) => `${ctx.t(`privacy-status-${status}`)} ${n}`)
    .join(", ");
  const structure = structureOfMember(ctx.db, ctx.member.id);
  const reports = (row: Record<string, unknown>) =>
    row.actorId === "me" && String(row.action).endsWith("-reported");
  return [
    [
      ctx.t("privacy-profile", {
        name: publicName(ctx.t, ctx.member),
        date: new Date(ctx.member.createdAt),
      }),
    ],
    [ctx.t("privacy-listings", { count: count("listings"), statuses: statuses || "—" })],
    [ctx.t("privacy-alerts", { alerts: count("alerts"), searches: count("searches") })],
    [
      structure
        ? ctx.t("privacy-structure", { name: structure.structure.name, role: structure.role })
        : ctx.t("privacy-structure-none"),
    ],
    [ctx.t("privacy-networks", { count: count("network_members") })],
    [
      ctx.t("privacy-conversations", {
        count: count("contact_threads"),
        sent: count("contact_messages", (m) => m.senderId === "me"),
        received: count("contact_messages", (m) => m.senderId !== "me"),
      }),
    ],
    [
      ctx.t("privacy-blocks", {
        blocks: count("member_blocks"),
        reports: count("audit_log", reports),
      }),
    ],
    [
      ctx.t("privacy-broadcasts", {
        broadcasts: count("broadcasts"),
        subscriptions: count("broadcast_subscriptions"),
      }),
    ],
    [ctx.t("privacy-audit", { count: count("audit_log") })],
  ];
}

/** `/mesdonnees` for the member. */
function myData(ctx: CommandContext): Reply[] {
  const doc = personalDataOf(
    { db: ctx.db, memberId: ctx.member.id, nameOf: nameOf(ctx) },
    { territory: ctx.settings.territoryName, now: ctx.now },
  );
  const request = erasureRequestOf(ctx.db, ctx.member.id);
  const blocks = [
    paragraph(strong(ctx.t("privacy-heading", { territory: ctx.settings.territoryName }))),
    list(summary(ctx, doc.data as Record<string, Rows>)),
    paragraph(ctx.t("privacy-file", { forget: ctx.command("forget") })),
    ...(request
      ? [
          paragraph(
            ctx.t("forget-scheduled", {
              date: new Date(request.dueAt),
              cancel: ctx.command("forget", ctx.t("forget-word-cancel")),
            }),
          ),
        ]
      : []),
  ];
  return privately(ctx, [
    {
      text: message(blocks),
      makeFile: {
        kind: "document",
        filename: filename(ctx, "privacy-filename"),
        text: `${JSON.stringify(doc, null, 2)}\n`,
      },
    },
  ]);
}

/** `/mesdonnees structure`, for the structure's administrators. */
function structureData(ctx: CommandContext): Reply[] {
  const own = structureOfMember(ctx.db, ctx.member.id);
  if (!own)
    throw new UserError("privacy-no-structure", { create: ctx.command("structure", "creer") });
  if (own.role !== "admin")
    throw new UserError("privacy-structure-admin", { name: own.structure.name });
  const doc = structureDataOf({ db: ctx.db, nameOf: nameOf(ctx) }, own.structure.id, {
    territory: ctx.settings.territoryName,
    now: ctx.now,
  });
  const data = doc.data as { members: Rows; listings: Rows };
  ctx.audit({ action: "structure-exported", details: { structure: own.structure.id } });
  return privately(ctx, [
    {
      text: message([
        paragraph(
          ctx.t("privacy-structure-file", {
            name: own.structure.name,
            members: data.members.length,
            listings: data.listings.length,
          }),
        ),
      ]),
      makeFile: {
        kind: "document",
        filename: filename(ctx, "privacy-structure-filename"),
        text: `${JSON.stringify(doc, null, 2)}\n`,
      },
    },
  ]);
}

const STRUCTURE_WORDS = new Set(["structure", "organisation", "organization", "org"]);

/** `/mesdonnees [structure]`. */
export const myDataCommand = defineCommand({
  id: "mydata",
  names: { fr: ["mesdonnees"], en: ["mydata"] },
  section: "account",
  access: "everyone",
  args: parsedArgs
    .transform((a) => (a.words[0] === undefined ? "" : nameKey(a.words[0])))
    .pipe(z.string().refine((w) => w === "" || STRUCTURE_WORDS.has(w), { error: "privacy-args" })),
  run(ctx, word): CommandResult {
    return word === "" ? myData(ctx) : structureData(ctx);
  },
});

/** What `/oublier` was asked to do. */
type ForgetAction = { kind: "explain" } | { kind: "confirm"; keep: boolean } | { kind: "cancel" };

const CONFIRM = new Set(["confirmer", "confirm", "oui", "yes"]);
const CANCEL = new Set(["annuler", "cancel", "non", "no"]);
const KEEP = new Set(["anonyme", "anonymous", "anonymise", "anonymiser", "anonymize"]);

/** Reads `confirmer [anonyme]`, `annuler`, or nothing. */
const forgetArgs = parsedArgs
  .transform((a) => a.words.map((w) => nameKey(w)))
  .transform((words, issue): ForgetAction => {
    const [first, ...rest] = words;
    if (first === undefined) return { kind: "explain" };
    if (CANCEL.has(first) && rest.length === 0) return { kind: "cancel" };
    if (CONFIRM.has(first) && rest.every((w) => KEEP.has(w)))
      return { kind: "confirm", keep: rest.length > 0 };
    issue.issues.push({ code: "custom", message: "forget-args", input: words });
    return z.NEVER;
  });

/** The explanation, with the buttons that confirm. */
function explain(ctx: CommandContext): Reply {
  const confirm = ctx.t("forget-word-confirm");
  const request = erasureRequestOf(ctx.db, ctx.member.id);
  if (request) return scheduled(ctx, request.dueAt);
  return inPrivate(
    message(
      [
        paragraph(strong(ctx.t("forget-heading"))),
        paragraph(ctx.t("forget-what")),
        paragraph(ctx.t("forget-kept")),
        paragraph(
          ctx.t("forget-how", {
            days: ERASURE_GRACE_DAYS,
            confirm: ctx.command("forget", confirm),
            keep: ctx.command("forget", confirm, ctx.t("forget-word-keep")),
            data: ctx.command("mydata"),
          }),
        ),
      ],
      [
        [{ label: ctx.t("forget-button-confirm"), command: ctx.command("forget", confirm) }],
        [
          {
            label: ctx.t("forget-button-keep"),
            command: ctx.command("forget", confirm, ctx.t("forget-word-keep")),
          },
        ],
      ],
    ),
  );
}

/** "Your data will be erased on …", with the button that stops it. */
function scheduled(ctx: CommandContext, dueAt: number, before: string[] = []): Reply {
  const cancel = ctx.command("forget", ctx.t("forget-word-cancel"));
  return inPrivate(
    message(
      [
        ...before.map((text) => paragraph(text)),
        paragraph(ctx.t("forget-scheduled", { date: new Date(dueAt), cancel })),
      ],
      [[{ label: ctx.t("forget-button-cancel"), command: cancel }]],
    ),
  );
}

/** `/oublier [confirmer [anonyme] | annuler]`. */
export const forgetCommand = defineCommand({
  id: "forget",
  names: { fr: ["oublier"], en: ["forget"] },
  section: "account",
  access: "everyone",
  args: forgetArgs,
  run(ctx, action): CommandResult {
    if (action.kind === "explain") return privately(ctx, [explain(ctx)], "privacy-answer-private");
    if (action.kind === "cancel") {
      if (!cancelErasure(ctx.db, ctx.member.id))
        throw new UserError("forget-nothing-to-cancel", { forget: ctx.command("forget") });
      ctx.audit({ action: "erasure-cancelled", subjectMemberId: ctx.member.id });
      return privately(
        ctx,
        [inPrivate(message([paragraph(ctx.t("forget-cancelled"))]))],
        "privacy-answer-private",
      );
    }
    const request = requestErasure(ctx.db, ctx.member.id, action.keep, ctx.now);
    ctx.audit({
      action: "erasure-requested",
      subjectMemberId: ctx.member.id,
      details: { keepEndedListings: action.keep },
    });
    return privately(
      ctx,
      [
        scheduled(ctx, request.dueAt, [
          ctx.t(action.keep ? "forget-confirmed-keep" : "forget-confirmed"),
        ]),
      ],
      "privacy-answer-private",
    );
  },
});
