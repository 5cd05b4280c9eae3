/**
 * Poll events in the fake homeserver (MSC3381 in its extensible-event form). A homeserver
 * does not look inside events, but the fake checks those the bot sends, so that a malformed
 * poll fails the test loudly instead of showing nothing in clients: m.poll.start needs its
 * m.text fallback and a well-formed m.poll; m.poll.end must reference a poll of the room.
 */
import { isObject, MatrixApiError, type Content } from "./matrix-types.js";
import type { MatrixWorld } from "./matrix-world.js";

function badJson(what: string): MatrixApiError {
  return new MatrixApiError(400, "M_BAD_JSON", `fake homeserver: ${what}`);
}

/** Whether `value` is an m.text block: a non-empty list of `{ body }` representations. */
function isTextBlock(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((r) => isObject(r) && typeof r.body === "string" && r.body.trim() !== "")
  );
}

function checkStart(content: Content): void {
  if (!isTextBlock(content["m.text"])) throw badJson("m.poll.start needs an m.text fallback");
  const poll = content["m.poll"];
  if (!isObject(poll)) throw badJson("m.poll.start needs an m.poll block");
  if (!isObject(poll.question) || !isTextBlock(poll.question["m.text"]))
    throw badJson("m.poll.question needs an m.text block");
  const answers = poll.answers;
  if (!Array.isArray(answers) || answers.length < 1 || answers.length > 20)
    throw badJson("m.poll.answers must list 1 to 20 answers");
  const ids = answers.map((a) => {
    if (!isObject(a) || typeof a["m.id"] !== "string" || !isTextBlock(a["m.text"]))
      throw badJson("each answer needs an m.id and an m.text block");
    return a["m.id"];
  });
  if (new Set(ids).size !== ids.length) throw badJson("answer ids must be unique");
  const max = poll.max_selections;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1))
    throw badJson("max_selections must be an integer of at least 1");
}

function checkEnd(hs: MatrixWorld, roomId: string, content: Content): void {
  const relation = content["m.relates_to"];
  if (!isObject(relation) || relation.rel_type !== "m.reference")
    throw badJson("m.poll.end needs an m.reference relation");
  const start = hs.findEvent(roomId, String(relation.event_id));
  if (start?.type !== "m.poll.start")
    throw badJson(`m.poll.end references ${String(relation.event_id)}, no poll of ${roomId}`);
  if (!isTextBlock(content["m.text"])) throw badJson("m.poll.end needs an m.text fallback");
}

/** Checks a poll event before it is stored (other event types pass). */
export function checkPollEvent(
  hs: MatrixWorld,
  roomId: string,
  type: string,
  content: Content,
): void {
  if (type === "m.poll.start") checkStart(content);
  else if (type === "m.poll.end") checkEnd(hs, roomId, content);
  else if (type.includes("poll"))
    throw badJson(`event type ${type} is not supported by the fake for the bot`);
}

/** The content of an m.poll.response choosing `selections` (answer ids) in the poll `startEventId`. */
export function pollResponseContent(startEventId: string, selections: string[]): Content {
  return {
    "m.relates_to": { rel_type: "m.reference", event_id: startEventId },
    "m.selections": selections,
  };
}
