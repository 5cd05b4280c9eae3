/**
 * Native polls in the Telegram fake: sendPoll and stopPoll with Telegram's checks, and the
 * poll_answer updates a user's vote produces (non-anonymous polls only, as on Telegram).
 */
import { bad, type TgMessage, type TgPoll, type TgUser } from "./telegram-types.js";
import { readBool, readInt, readJson, readString, type Params } from "./telegram-wire.js";
import { compact, type TelegramWorld } from "./telegram-world.js";

/** A poll the bot sent, with who voted for what. */
export interface FakePoll {
  chatId: number;
  messageId: number;
  poll: TgPoll;
  /** Chosen option ids by user id. */
  votes: Map<number, number[]>;
}

/** The text of each answer option, as InputPollOption objects (or plain strings) give it. */
function readOptions(p: Params): string[] {
  const given = readJson(p, "options");
  if (!Array.isArray(given)) throw bad('field "options" must be an Array');
  return given.map((o: unknown) => {
    const text = typeof o === "string" ? o : (o as { text?: unknown } | null)?.text;
    if (typeof text !== "string") throw bad("can't parse InputPollOption");
    if (text.trim() === "") throw bad("POLL_OPTION_INVALID: option text is empty");
    if (text.length > 100) throw bad("poll options length must not exceed 100");
    return text;
  });
}

/** sendPoll: a regular poll (quizzes are not supported by the fake). */
export function sendPoll(world: TelegramWorld, p: Params): TgMessage {
  const state = world.sendableChat(p.chat_id);
  const question = readString(p, "question") ?? "";
  if (question.trim() === "") throw bad("poll question must be non-empty");
  if (question.length > 300) throw bad("poll question length must not exceed 300");
  const options = readOptions(p);
  if (options.length < 2) throw bad("poll must have at least 2 option");
  if (options.length > 10) throw bad("poll can't have more than 10 options");
  if (new Set(options).size !== options.length) throw bad("POLL_OPTION_DUPLICATE");
  const type = readString(p, "type") ?? "regular";
  if (type !== "regular") throw bad(`poll type ${type} is not supported by the fake`);
  const is_anonymous = p.is_anonymous === undefined ? true : readBool(p, "is_anonymous");
  const poll: TgPoll = {
    id: String(5_000_000_000_000_000_000n + BigInt(world.freshId())),
    question,
    options: options.map((text) => ({ text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: false,
    is_anonymous,
    type: "regular",
    allows_multiple_answers: readBool(p, "allows_multiple_answers"),
  };
  const message = world.postBotMessage(state, { poll });
  world.polls.set(poll.id, {
    chatId: state.chat.id,
    messageId: message.message_id,
    poll,
    votes: new Map(),
  });
  world.recordSent({
    method: "sendPoll",
    chat_id: state.chat.id,
    message_id: message.message_id,
    text: question,
    source: question,
    entities: [],
    message,
  });
  return message;
}

/** stopPoll: closes a poll of the bot; returns the final poll. */
export function stopPoll(world: TelegramWorld, p: Params): TgPoll {
  const state = world.sendableChat(p.chat_id);
  const id = readInt(p, "message_id");
  if (id === undefined) throw bad("message identifier is not specified");
  const message = state.messages.get(id);
  if (!message?.poll) throw bad("message with poll to stop not found");
  if (message.from?.id !== world.bot.id) throw bad("message can't be edited");
  const known = world.polls.get(message.poll.id);
  if (!known || known.poll.is_closed) throw bad("poll has already been closed");
  known.poll.is_closed = true;
  return compact({ ...known.poll });
}

/** The poll a test names: by its id, or by the message carrying it. */
export function findPoll(
  world: TelegramWorld,
  ref: string | { chatId: number; messageId: number },
): FakePoll {
  const found =
    typeof ref === "string"
      ? world.polls.get(ref)
      : [...world.polls.values()].find(
          (p) => p.chatId === ref.chatId && p.messageId === ref.messageId,
        );
  if (!found) throw new Error(`no poll ${JSON.stringify(ref)} sent by the bot`);
  return found;
}

/** `u` votes (an empty list retracts): the new counts, and the poll_answer update to queue. */
export function answerPoll(
  world: TelegramWorld,
  u: TgUser,
  known: FakePoll,
  optionIds: number[],
): { poll_answer: Record<string, unknown>; poll: TgPoll } {
  const { poll } = known;
  if (poll.is_closed) throw new Error(`poll ${poll.id} is closed: Telegram takes no more votes`);
  if (poll.is_anonymous)
    throw new Error(`poll ${poll.id} is anonymous: the bot would get no poll_answer`);
  if (optionIds.length > 1 && !poll.allows_multiple_answers)
    throw new Error(`poll ${poll.id} allows one answer only`);
  if (optionIds.some((i) => !Number.isInteger(i) || i < 0 || i >= poll.options.length))
    throw new Error(`poll ${poll.id} has no option among ${optionIds.join(", ")}`);
  const chat = world.chats.get(known.chatId);
  if (chat && chat.chat.type !== "private" && !chat.members.has(u.id))
    throw new Error(`${u.first_name} is not in chat ${known.chatId}: they cannot vote there`);
  world.users.set(u.id, u);
  const previous = known.votes.get(u.id) ?? [];
  for (const i of previous) poll.options[i]!.voter_count--;
  for (const i of optionIds) poll.options[i]!.voter_count++;
  if (optionIds.length === 0) known.votes.delete(u.id);
  else known.votes.set(u.id, optionIds);
  poll.total_voter_count = known.votes.size;
  return {
    poll_answer: { poll_id: poll.id, user: u, option_ids: optionIds },
    poll: structuredClone(poll),
  };
}
