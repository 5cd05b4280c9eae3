/**
 * Matrix polls (MSC3381, in the spec's extensible-event form): the m.poll.start the bot sends,
 * with an m.text fallback that clients without polls show (the numbered text), the m.poll.end
 * that closes it, and the m.poll.response votes read back. Answers are identified by their
 * number (`"1"`, `"2"`…), so that a vote maps back to the answer's position.
 */
import type { PollElement } from "../../bot/reply.js";

/** Event type of a poll's start. */
export const POLL_START = "m.poll.start";
/** Event type of a poll's end. */
export const POLL_END = "m.poll.end";

/** Response event types: the spec's, and the unstable one clients sent before it. */
const RESPONSE_TYPES = new Set(["m.poll.response", "org.matrix.msc3381.poll.response"]);

/** The content of a disclosed, single-choice poll; `fallback` is its text for other clients. */
export function pollStartContent(poll: PollElement, fallback: string): Record<string, unknown> {
  return {
    "m.text": [{ mimetype: "text/plain", body: fallback }],
    "m.poll": {
      kind: "m.disclosed",
      max_selections: 1,
      question: { "m.text": [{ body: poll.question }] },
      answers: poll.options.map((text, i) => ({
        "m.id": String(i + 1),
        "m.text": [{ body: text }],
      })),
    },
  };
}

/** The content closing the poll started by `startEventId`; `fallback` says it is closed. */
export function pollEndContent(startEventId: string, fallback: string): Record<string, unknown> {
  return {
    "m.relates_to": { rel_type: "m.reference", event_id: startEventId },
    "m.text": [{ mimetype: "text/plain", body: fallback }],
  };
}

/** A vote read from an event: the poll's start event, and the 0-based answers chosen. */
export interface PollResponse {
  pollRef: string;
  /** Empty: no selection (a withdrawal, or a spoiled vote); -1 stands for an unknown answer. */
  choices: number[];
}

/** The vote an event carries, or undefined when it is no poll response. */
export function pollResponseOf(event: {
  type: string;
  content: Record<string, unknown>;
}): PollResponse | undefined {
  if (!RESPONSE_TYPES.has(event.type)) return undefined;
  const relation = event.content["m.relates_to"] as
    { rel_type?: unknown; event_id?: unknown } | undefined;
  if (relation?.rel_type !== "m.reference" || typeof relation.event_id !== "string")
    return undefined;
  const unstable = event.content["org.matrix.msc3381.poll.response"] as
    { answers?: unknown } | undefined;
  const selections = event.content["m.selections"] ?? unstable?.answers;
  // Not a list: the vote is spoiled, as if nothing was selected.
  if (!Array.isArray(selections)) return { pollRef: relation.event_id, choices: [] };
  // One answer per person: the list is cut to max_selections (1).
  const choices = selections
    .slice(0, 1)
    .map((id) => (typeof id === "string" && /^\d{1,3}$/.test(id) ? Number(id) - 1 : -1));
  return { pollRef: relation.event_id, choices };
}
