/** Commands on networks: list, create, name animators. */
import { z } from "zod";
import {
  memberByIdentity,
  nameAnimator,
  namedAnimators,
  unnameAnimator,
} from "../../storage/animators.js";
import { recordAudit } from "../../storage/audit.js";
import { findOrCreateNetwork, networkByName, NETWORK_NAME_LENGTH } from "../../storage/networks.js";
import { declare, wordsAs } from "./cli.js";
import { entry, findNetwork, openCurrent, tell, type AdminContext } from "./context.js";

const networkCreateCommand = declare({
  name: "network create",
  usage: "<name>",
  summary: "Creates a network (or says it exists).",
  flags: {},
  args: z.object({
    words: wordsAs(["name"], { rest: true }).pipe(
      z.object({
        name: z
          .string()
          .transform((s) => s.replace(/\s+/g, " ").trim())
          .pipe(
            z
              .string()
              .min(
                NETWORK_NAME_LENGTH.min,
                `a name of at least ${NETWORK_NAME_LENGTH.min} characters`,
              )
              .max(
                NETWORK_NAME_LENGTH.max,
                `a name of at most ${NETWORK_NAME_LENGTH.max} characters`,
              ),
          ),
      }),
    ),
    flags: z.object({}),
  }),
});

function networkCreate(ctx: AdminContext, args: z.output<typeof networkCreateCommand.args>) {
  const { sqlite, db } = openCurrent(ctx);
  try {
    const { name } = args.words;
    const existing = networkByName(db, name);
    if (existing) {
      tell(ctx, `Network "${existing.name}" already exists (id ${existing.id}).`);
      return;
    }
    const now = ctx.io.now().getTime();
    const network = sqlite.transaction(() => {
      const created = findOrCreateNetwork(db, name, now);
      recordAudit(
        db,
        {
          actorId: null,
          action: "network-created",
          networkId: created.id,
          details: { by: "admin-tool" },
        },
        now,
      );
      return created;
    })();
    ctx.logger.info({ network: network.id, name: network.name }, "network created");
    tell(
      ctx,
      `Network "${network.name}" created (id ${network.id}). An animator or administrator binds a room to it there with /reseau ${network.name} (!reseau on Matrix).`,
    );
  } finally {
    sqlite.close();
  }
}

/** How each platform writes a user id. */
const USER_IDS = {
  telegram: z.string().regex(/^\d{1,15}$/, "a Telegram user id is a number, e.g. 123456789"),
  matrix: z.string().regex(/^@[^\s:]+:\S+$/, "a Matrix user id looks like @ana:example.org"),
  console: z.string().regex(/^\S{1,64}$/, "a console name is one word"),
} as const;

const networkAnimatorCommand = declare({
  name: "network animator",
  usage: "<network> <platform> <user id> [--remove]",
  summary: "Names (or, with --remove, unnames) an animator of a network.",
  flags: { remove: "switch" },
  args: z.object({
    words: wordsAs(["network", "platform", "user id"]).pipe(
      z
        .object({
          network: z.string(),
          platform: z.enum(["telegram", "matrix", "console"], {
            error: "one of telegram, matrix, console",
          }),
          "user id": z.string(),
        })
        .superRefine((v, ctx) => {
          const checked = USER_IDS[v.platform].safeParse(v["user id"]);
          if (!checked.success)
            ctx.addIssue({
              code: "custom",
              message: checked.error.issues[0]?.message ?? "invalid user id",
            });
        }),
    ),
    flags: z.object({ remove: z.literal(true).optional() }),
  }),
});

function networkAnimator(ctx: AdminContext, args: z.output<typeof networkAnimatorCommand.args>) {
  const { sqlite, db } = openCurrent(ctx);
  try {
    const network = findNetwork(db, args.words.network);
    const { platform } = args.words;
    const userId = args.words["user id"];
    const identity = `${platform}:${userId}`;
    const now = ctx.io.now().getTime();
    const remove = args.flags.remove === true;
    const changed = sqlite.transaction(() => {
      const member = memberByIdentity(db, platform, userId, { create: !remove, now });
      if (!member) return false;
      const done = remove
        ? unnameAnimator(db, network.id, member.id, now)
        : nameAnimator(db, network.id, member.id, now);
      if (done) {
        recordAudit(
          db,
          {
            actorId: null,
            action: remove ? "animator-unnamed" : "animator-named",
            networkId: network.id,
            subjectMemberId: member.id,
            details: { by: "admin-tool" },
          },
          now,
        );
      }
      return done;
    })();
    const count = namedAnimators(db, network.id).length;
    ctx.logger.info(
      { network: network.id, member: identity, remove, changed },
      "animators changed",
    );
    tell(
      ctx,
      remove
        ? changed
          ? `${identity} is no longer a named animator of "${network.name}".`
          : `${identity} was not a named animator of "${network.name}": nothing changed.`
        : changed
          ? `${identity} is now an animator of "${network.name}" in its rooms (${count} named).`
          : `${identity} already is a named animator of "${network.name}".`,
    );
  } finally {
    sqlite.close();
  }
}

const networkListCommand = declare({
  name: "network list",
  usage: "",
  summary: "Lists the networks with their ids, rooms and named animators.",
  flags: {},
  args: z.object({ words: wordsAs([]), flags: z.object({}) }),
});

function networkList(ctx: AdminContext) {
  const { sqlite, db } = openCurrent(ctx);
  try {
    const rows = sqlite
      .prepare(
        `SELECT n.id, n.name, n.join_policy AS joinPolicy,
          (SELECT count(*) FROM rooms r WHERE r.network_id = n.id AND r.active) AS rooms
         FROM networks n ORDER BY n.name`,
      )
      .all() as { id: number; name: string; joinPolicy: string; rooms: number }[];
    if (rows.length === 0) {
      ctx.io.stdout.write("No network yet: npm run admin -- network create <name>\n");
      return;
    }
    const identities = sqlite
      .prepare("SELECT platform || ':' || platform_user_id FROM members WHERE id = ?")
      .pluck();
    for (const row of rows) {
      const animators = namedAnimators(db, row.id)
        .map((id) => identities.get(id) as string | undefined)
        .filter(Boolean);
      ctx.io.stdout.write(
        `${String(row.id).padStart(4)}  ${row.name}  (${row.rooms} room${row.rooms === 1 ? "" : "s"}, ${row.joinPolicy}${animators.length > 0 ? `; animators: ${animators.join(", ")}` : ""})\n`,
      );
    }
  } finally {
    sqlite.close();
  }
}

/** `network list`, `network create` and `network animator`. */
export const networkCommands = [
  entry(networkListCommand, networkList),
  entry(networkCreateCommand, networkCreate),
  entry(networkAnimatorCommand, networkAnimator),
];
