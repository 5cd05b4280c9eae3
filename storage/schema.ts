/**
 * The database schema (drizzle-orm, SQLite). Tables are plural snake_case, properties
 * camelCase. Times are stored as integer milliseconds since the epoch (UTC).
 *
 * After changing this file run `npm run db:generate` and commit the new migration.
 * The full-text index over listings is a virtual table that drizzle does not model: it is
 * created, with the triggers that keep it in sync, by a custom migration (see
 * storage/migrations/*_listings_fts.sql).
 */
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** Key/value settings of the territory (one database = one territory). */
export const territorySettings = sqliteTable("territory_settings", {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: integer().notNull(),
});

/** A community of actors; has one or more rooms. */
export const networks = sqliteTable(
  "networks",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    /** Folded name, for finding a network whatever the accents and case typed. */
    nameKey: text().notNull(),
    /** `open` or `validation` (new members wait for an animator's approval). */
    joinPolicy: text({ enum: ["open", "validation"] })
      .notNull()
      .default("open"),
    /** Questions asked to people who ask to join (validation policy), or null. */
    joinQuestions: text(),
    /** Time of the daily summary of new listings posted in the network's rooms (HH:MM), or null. */
    summaryTime: text(),
    /** When the next summary is due (null: none). */
    summaryNextAt: integer(),
    /** The newest listing (id) already in a summary. */
    summaryCursor: integer().notNull().default(0),
    /** Moderated posting: new listings wait for an animator's approval (status `pending`). */
    moderatedPosting: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: integer().notNull(),
  },
  (t) => [uniqueIndex("networks_name_key_unique").on(t.nameKey)],
);

/** A person, as one platform identifies them. */
export const members = sqliteTable(
  "members",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    platform: text().notNull(),
    platformUserId: text().notNull(),
    displayName: text().notNull(),
    /** Public username apart from the id (Telegram `@name`), only ever shown by mutual consent. */
    username: text(),
    /** The member's own choice (`/langue`); null means "follow the platform or territory". */
    locale: text(),
    /** Network of the last group room the member wrote in: the default network of their posts. */
    lastNetworkId: integer().references(() => networks.id, { onDelete: "set null" }),
    /** Since when the bot cannot write to them privately (never opened the chat, or blocked it). */
    unreachableSince: integer(),
    /** When the member accepted the territory charter (needed before a first post). */
    charterAcceptedAt: integer(),
    createdAt: integer().notNull(),
    lastSeenAt: integer().notNull(),
  },
  (t) => [uniqueIndex("members_platform_user_unique").on(t.platform, t.platformUserId)],
);

/** A Matrix room, a Telegram group, the console's rooms, or a direct chat with one person. */
export const rooms = sqliteTable(
  "rooms",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    platform: text().notNull(),
    platformRoomId: text().notNull(),
    kind: text({ enum: ["group", "direct"] }).notNull(),
    title: text(),
    networkId: integer().references(() => networks.id, { onDelete: "set null" }),
    /** For a direct room: the person the bot talks to. */
    memberId: integer().references(() => members.id, { onDelete: "cascade" }),
    active: integer({ mode: "boolean" }).notNull().default(true),
    createdAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("rooms_platform_room_unique").on(t.platform, t.platformRoomId),
    index("rooms_network_idx").on(t.networkId),
  ],
);

/** An offer or a need. Its id is the short public number (`#42`). */
export const listings = sqliteTable(
  "listings",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text({ enum: ["offer", "need"] }).notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    /** Category id from storage/reference/categories.json. */
    category: text().notNull(),
    /** Terms id from storage/reference/terms.json, or null when not stated. */
    terms: text(),
    /** Where the listing is: a commune, or a wider area (EPCI, département, région). */
    placeKind: text({ enum: ["commune", "epci", "departement", "region"] }).notNull(),
    placeCode: text().notNull(),
    /** INSEE commune code when the place is a commune. */
    communeCode: text(),
    departementCode: text(),
    regionCode: text(),
    epciCode: text(),
    /** Filter tokens of the place hierarchy (storage/places.ts `listingTags`), indexed by FTS. */
    placeTags: text().notNull(),
    authorId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** The structure it is posted on behalf of (null: the author alone). */
    structureId: integer().references(() => structures.id, { onDelete: "set null" }),
    /** Network of origin: the network of the room it was posted from. */
    networkId: integer().references(() => networks.id, { onDelete: "set null" }),
    /** `pending`: waiting for an animator's approval (moderated posting), seen by its author only. */
    status: text({ enum: ["open", "closed", "expired", "removed", "pending"] })
      .notNull()
      .default("open"),
    /** How it ended: given, received, withdrawn, done (closed) or the moderation reason. */
    outcome: text(),
    removalReason: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
    expiresAt: integer().notNull(),
    /** When its author was asked whether it is still relevant (reset by renewing). */
    remindedAt: integer(),
    closedAt: integer(),
    /**
     * When it became an anonymous record (its author's erasure, or the retention period of
     * ended listings): no title, description or moderation reason; kept for the statistics and
     * shown to nobody (storage/redaction.ts).
     */
    redactedAt: integer(),
  },
  (t) => [
    index("listings_author_idx").on(t.authorId, t.id),
    index("listings_status_expires_idx").on(t.status, t.expiresAt),
    index("listings_network_idx").on(t.networkId, t.id),
  ],
);

/** Inbound platform events already handled, so that none is handled twice. */
export const processedEvents = sqliteTable(
  "processed_events",
  {
    platform: text().notNull(),
    eventId: text().notNull(),
    processedAt: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.eventId] }),
    index("processed_events_at_idx").on(t.processedAt),
  ],
);

/**
 * Messages to send. A row is written in the same transaction as the event that caused it,
 * and delivered after the commit, with retries: nothing acknowledged is lost.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    platform: text().notNull(),
    /** `room` (a platform room id) or `member` (a platform user id, for a private message). */
    destinationKind: text({ enum: ["room", "member"] }).notNull(),
    destinationId: text().notNull(),
    /** The platform-neutral message (bot/reply.ts `OutgoingMessage` as JSON). */
    payload: text().notNull(),
    /** `held`: for a person the bot cannot reach now, sent again when they come back. */
    state: text({ enum: ["pending", "sending", "sent", "failed", "held"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer().notNull(),
    lastError: text(),
    /** Optional key making a queued message unique (e.g. one digest per member per day). */
    dedupeKey: text(),
    platformMessageId: text(),
    /** What happened after sending, when it matters to someone: `pinned`, `pin-failed: …`. */
    note: text(),
    createdAt: integer().notNull(),
    sentAt: integer(),
  },
  (t) => [
    index("outbox_state_idx").on(t.state, t.id),
    // The first pending message of each destination (storage/outbox.ts queueHeads).
    index("outbox_queue_idx").on(t.state, t.platform, t.destinationKind, t.destinationId, t.id),
    // Partial: most messages have no key, and need no entry in this index.
    uniqueIndex("outbox_dedupe_unique")
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} IS NOT NULL`),
  ],
);

/** A guided conversation in progress (step-by-step posting...), one per member. */
export const conversations = sqliteTable("conversations", {
  memberId: integer()
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  flow: text().notNull(),
  step: text().notNull(),
  /** The flow's draft so far, as JSON. */
  data: text().notNull(),
  /** The room the flow was started from (for the network of origin). */
  originRoomId: integer().references(() => rooms.id, { onDelete: "set null" }),
  updatedAt: integer().notNull(),
});

/** A member's recent search, so that "more" can show the next page. */
export const searches = sqliteTable(
  "searches",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** The criteria as JSON (commands/search-criteria.ts). */
    criteria: text().notNull(),
    /** Last page shown (0-based). */
    page: integer().notNull().default(0),
    createdAt: integer().notNull(),
  },
  (t) => [index("searches_member_idx").on(t.memberId, t.id)],
);

/** A saved search whose new results come in the member's digest. */
export const alerts = sqliteTable(
  "alerts",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** The criteria as JSON (storage/search.ts SearchCriteria; the status is always open). */
    criteria: text().notNull(),
    paused: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: integer().notNull(),
  },
  (t) => [index("alerts_member_idx").on(t.memberId, t.id)],
);

/**
 * The keys under which a new listing finds the alerts it may match (storage/alerts.ts):
 * a word's prefix, a category, a place token, a kind… so that matching costs what the new
 * listings and their real matches cost, not alerts × listings.
 */
export const alertKeys = sqliteTable(
  "alert_keys",
  {
    key: text().notNull(),
    alertId: integer()
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.key, t.alertId] }), index("alert_keys_alert_idx").on(t.alertId)],
);

/** How and when each member receives their digest, and how far it has gone. */
export const digestSettings = sqliteTable(
  "digest_settings",
  {
    memberId: integer()
      .primaryKey()
      .references(() => members.id, { onDelete: "cascade" }),
    rhythm: text({ enum: ["daily", "weekly", "immediate", "never"] })
      .notNull()
      .default("daily"),
    /** Time of day (HH:MM) in the territory's time zone, for daily and weekly digests. */
    time: text().notNull().default("08:00"),
    /** Day of a weekly digest: 1 Monday … 7 Sunday. */
    weekday: integer().notNull().default(1),
    /** When the next digest is due. */
    nextDueAt: integer().notNull(),
    /** The newest listing (id) already considered for this member's digests. */
    cursor: integer().notNull(),
    lastSentAt: integer(),
  },
  (t) => [index("digest_settings_due_idx").on(t.nextDueAt)],
);

/** A need and an offer that match, found when the later of the two was posted. */
export const listingMatches = sqliteTable(
  "listing_matches",
  {
    /** The listing just posted. */
    listingId: integer()
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    /** The earlier listing of the opposite kind it matches. */
    matchedListingId: integer()
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    createdAt: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.listingId, t.matchedListingId] }),
    index("listing_matches_matched_idx").on(t.matchedListingId),
  ],
);

/** Who did what, when and why: moderation, settings, membership decisions. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: integer().notNull(),
    /** The member who acted; null for the bot itself (scheduled jobs). */
    actorId: integer().references(() => members.id, { onDelete: "set null" }),
    action: text().notNull(),
    networkId: integer().references(() => networks.id, { onDelete: "set null" }),
    /** The member concerned, when there is one (so that they can see it). */
    subjectMemberId: integer().references(() => members.id, { onDelete: "set null" }),
    listingId: integer(),
    /** Free details as JSON (reason, old and new values...). */
    details: text().notNull().default("{}"),
  },
  (t) => [
    index("audit_log_network_idx").on(t.networkId, t.at),
    index("audit_log_subject_idx").on(t.subjectMemberId),
  ],
);

/** An organisation that members act for (company, association, public body...). */
export const structures = sqliteTable(
  "structures",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    /** Folded name, for finding a structure whatever the accents and case typed. */
    nameKey: text().notNull(),
    /** Type id from storage/reference/structure-types (company, association...). */
    type: text().notNull(),
    /** NAF section letter (storage/reference/sectors.json). */
    sector: text().notNull(),
    /** INSEE code of its commune. */
    communeCode: text().notNull(),
    /** Filter tokens of the commune's place hierarchy (as listings' placeTags). */
    placeTags: text().notNull(),
    description: text().notNull().default(""),
    website: text(),
    /** A public contact (an e-mail or a phone number the structure chose to publish). */
    publicContact: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [index("structures_name_key_idx").on(t.nameKey)],
);

/** Who acts for a structure: one structure per member; `admin` may edit it and invite. */
export const structureMembers = sqliteTable(
  "structure_members",
  {
    memberId: integer()
      .primaryKey()
      .references(() => members.id, { onDelete: "cascade" }),
    structureId: integer()
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    role: text({ enum: ["admin", "member"] }).notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [index("structure_members_structure_idx").on(t.structureId)],
);

/** One-time codes a structure's member gives a colleague to join it. */
export const structureInvites = sqliteTable("structure_invites", {
  code: text().primaryKey(),
  structureId: integer()
    .notNull()
    .references(() => structures.id, { onDelete: "cascade" }),
  createdBy: integer().references(() => members.id, { onDelete: "set null" }),
  createdAt: integer().notNull(),
  expiresAt: integer().notNull(),
  usedBy: integer().references(() => members.id, { onDelete: "set null" }),
  usedAt: integer(),
});

/**
 * A person's standing in a network: a join request (`pending`, `approved`, `refused`) and,
 * for people seen acting as animators of its rooms, the `animator` flag (so that the bot
 * knows whom to tell privately about new requests and reports).
 */
export const networkMembers = sqliteTable(
  "network_members",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    networkId: integer()
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    status: text({ enum: ["pending", "approved", "refused"] }).notNull(),
    animator: integer({ mode: "boolean" }).notNull().default(false),
    /** The person's answers to the network's questions. */
    answers: text(),
    decidedBy: integer().references(() => members.id, { onDelete: "set null" }),
    decidedAt: integer(),
    createdAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("network_members_unique").on(t.networkId, t.memberId),
    index("network_members_status_idx").on(t.networkId, t.status),
  ],
);

/** A conversation relayed by the bot between a listing's author and someone who contacted them. */
export const contactThreads = sqliteTable(
  "contact_threads",
  {
    /** The number people type: `/repondre 7 …`. */
    id: integer().primaryKey({ autoIncrement: true }),
    listingId: integer()
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    /** Who wrote first. */
    requesterId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    authorId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** Each side's consent to reveal their platform handle to the other. */
    requesterShares: integer({ mode: "boolean" }).notNull().default(false),
    authorShares: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: integer().notNull(),
    lastMessageAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("contact_threads_pair_unique").on(t.listingId, t.requesterId),
    index("contact_threads_requester_idx").on(t.requesterId, t.createdAt),
    index("contact_threads_author_idx").on(t.authorId, t.lastMessageAt),
  ],
);

/** The messages of a contact conversation, as relayed. */
export const contactMessages = sqliteTable(
  "contact_messages",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    threadId: integer()
      .notNull()
      .references(() => contactThreads.id, { onDelete: "cascade" }),
    senderId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    body: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index("contact_messages_thread_idx").on(t.threadId, t.id),
    index("contact_messages_sender_idx").on(t.senderId, t.createdAt),
  ],
);

/** People a member does not want to hear from through the bot. */
export const memberBlocks = sqliteTable(
  "member_blocks",
  {
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    blockedId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.blockedId] })],
);

/**
 * An animator's message to every room of a network (or, from a territory administrator, of
 * every network): a draft until confirmed, then scheduled or sending, then sent once every
 * delivery has settled and its author has had the report.
 */
export const broadcasts = sqliteTable(
  "broadcasts",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The network it goes to; null for every network (territory administrators). */
    networkId: integer().references(() => networks.id, { onDelete: "cascade" }),
    authorId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    text: text().notNull(),
    /** Pin it in each room (Telegram pinChatMessage, Matrix m.room.pinned_events). */
    pin: integer({ mode: "boolean" }).notNull().default(false),
    /** Also send it privately to the members who asked for it (`/abonner`). */
    toMembers: integer({ mode: "boolean" }).notNull().default(false),
    state: text({ enum: ["draft", "scheduled", "sending", "sent", "cancelled"] })
      .notNull()
      .default("draft"),
    /** When it goes out (scheduled broadcasts); null: as soon as it is confirmed. */
    scheduledAt: integer(),
    createdAt: integer().notNull(),
    /** When it was handed to the outbox. */
    startedAt: integer(),
    /** When its author got the delivery report. */
    reportedAt: integer(),
  },
  (t) => [
    index("broadcasts_state_idx").on(t.state, t.scheduledAt),
    index("broadcasts_author_idx").on(t.authorId, t.createdAt),
  ],
);

/** The queued messages of a broadcast: one per room, one per subscribed member. */
export const broadcastDeliveries = sqliteTable(
  "broadcast_deliveries",
  {
    broadcastId: integer()
      .notNull()
      .references(() => broadcasts.id, { onDelete: "cascade" }),
    outboxId: integer().notNull(),
    roomId: integer().references(() => rooms.id, { onDelete: "set null" }),
    memberId: integer().references(() => members.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.outboxId] })],
);

/** Members who also receive a network's broadcasts in their private chat. */
export const broadcastSubscriptions = sqliteTable(
  "broadcast_subscriptions",
  {
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    networkId: integer()
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    createdAt: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.networkId] }),
    index("broadcast_subscriptions_network_idx").on(t.networkId),
  ],
);

/**
 * One-time codes that bind another room (on any platform) to a network: given in private to
 * an animator of the network by `/reseau lier`, typed in the other room by one of its own.
 */
export const networkLinkCodes = sqliteTable(
  "network_link_codes",
  {
    code: text().primaryKey(),
    networkId: integer()
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    createdBy: integer().references(() => members.id, { onDelete: "set null" }),
    createdAt: integer().notNull(),
    expiresAt: integer().notNull(),
    usedAt: integer(),
    usedByRoomId: integer().references(() => rooms.id, { onDelete: "set null" }),
  },
  (t) => [index("network_link_codes_network_idx").on(t.networkId)],
);

/**
 * Listings just posted whose counterparts (open listings of the opposite kind that match)
 * are still to be found: bot/matching.ts does it right after the post, outside its
 * transaction, so that posting stays quick; a crash leaves the row for the next run.
 */
export const pendingMatches = sqliteTable("pending_matches", {
  listingId: integer()
    .primaryKey()
    .references(() => listings.id, { onDelete: "cascade" }),
  createdAt: integer().notNull(),
});

/**
 * A poll an animator put to a network (`/sondage`): posted in every room of the network, as a
 * native poll where the platform has one, and answered from any of them.
 */
export const polls = sqliteTable(
  "polls",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    networkId: integer()
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    /** Who asked; null once they erased their data (the poll stays the network's). */
    authorId: integer().references(() => members.id, { onDelete: "set null" }),
    question: text().notNull(),
    state: text({ enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    createdAt: integer().notNull(),
    closedAt: integer(),
    closedBy: integer().references(() => members.id, { onDelete: "set null" }),
  },
  (t) => [index("polls_network_idx").on(t.networkId, t.id)],
);

/** The answers of a poll, numbered from 1 as people type them (`/voter 3 2`). */
export const pollOptions = sqliteTable(
  "poll_options",
  {
    pollId: integer()
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    text: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.position] })],
);

/**
 * Where a poll was posted: one row per room, with the platform's references once sent (the
 * message id; the poll id that Telegram's votes carry), so that a native vote finds its poll.
 */
export const pollPosts = sqliteTable(
  "poll_posts",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    pollId: integer()
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    roomId: integer().references(() => rooms.id, { onDelete: "set null" }),
    platform: text().notNull(),
    platformRoomId: text().notNull(),
    /** The queued message carrying the poll. */
    outboxId: integer().notNull(),
    /** The platform's id of the poll's message, once sent (Telegram message id, Matrix event id). */
    platformMessageId: text(),
    /** What the platform's votes name the poll by: Telegram's poll id, Matrix's event id. */
    platformPollRef: text(),
  },
  (t) => [
    index("poll_posts_poll_idx").on(t.pollId),
    uniqueIndex("poll_posts_outbox_unique").on(t.outboxId),
    uniqueIndex("poll_posts_ref_unique")
      .on(t.platform, t.platformPollRef)
      .where(sql`${t.platformPollRef} IS NOT NULL`),
  ],
);

/**
 * One vote per member per poll, whichever platform it came from (a new vote replaces the
 * previous one; withdrawing deletes it). `votedAt` is when the bot counted it, on its own
 * clock for every platform: a vote never replaces a newer one.
 */
export const pollVotes = sqliteTable(
  "poll_votes",
  {
    pollId: integer()
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    /** Where the vote was cast (a native poll or `/voter`). */
    platform: text().notNull(),
    votedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.memberId] })],
);

/**
 * A member's request to be forgotten (`/oublier`): carried out by the daily job once
 * `dueAt` has come (storage/erasure.ts), unless they cancel it before.
 */
export const erasureRequests = sqliteTable("erasure_requests", {
  memberId: integer()
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  requestedAt: integer().notNull(),
  dueAt: integer().notNull(),
  /** Leave the ended listings to the statistics as anonymous records, with their place. */
  keepEndedListings: integer({ mode: "boolean" }).notNull().default(false),
  /** When the member was last reminded that the erasure is coming (once a day). */
  remindedAt: integer(),
});

/**
 * A member silenced in a network by an animator until `endsAt` (or until lifted): they may
 * not post, contact or broadcast there meanwhile. Expiry is read from the date, no job.
 */
export const mutes = sqliteTable(
  "mutes",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    networkId: integer()
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    mutedBy: integer().references(() => members.id, { onDelete: "set null" }),
    reason: text().notNull().default(""),
    createdAt: integer().notNull(),
    endsAt: integer().notNull(),
    /** When an animator lifted it before its end (null: it runs to its end). */
    liftedAt: integer(),
    liftedBy: integer().references(() => members.id, { onDelete: "set null" }),
  },
  (t) => [index("mutes_network_member_idx").on(t.networkId, t.memberId, t.endsAt)],
);

/**
 * A report (`/signaler`) of a listing or of a conversation's messages, for the animators of
 * the listing's network to review (`/signalements`): open until handled, with the outcome.
 */
export const reports = sqliteTable(
  "reports",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text({ enum: ["listing", "message"] }).notNull(),
    /** The listing's network (null: a listing without network; administrators review it). */
    networkId: integer().references(() => networks.id, { onDelete: "set null" }),
    listingId: integer().references(() => listings.id, { onDelete: "set null" }),
    /** The conversation whose messages are reported (`message` reports). */
    threadId: integer().references(() => contactThreads.id, { onDelete: "set null" }),
    reporterId: integer().references(() => members.id, { onDelete: "set null" }),
    /** Who is reported: the listing's author, or the other side of the conversation. */
    subjectMemberId: integer().references(() => members.id, { onDelete: "set null" }),
    reason: text().notNull(),
    status: text({ enum: ["open", "handled"] })
      .notNull()
      .default("open"),
    /** `removed`, `muted` or `dismissed`. */
    outcome: text({ enum: ["removed", "muted", "dismissed"] }),
    handledBy: integer().references(() => members.id, { onDelete: "set null" }),
    handledAt: integer(),
    /** The animator's note on the decision. */
    note: text(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index("reports_status_network_idx").on(t.status, t.networkId, t.id),
    index("reports_listing_idx").on(t.listingId),
  ],
);
