/**
 * Every command of the bot and every guided flow. The order here is the order of the help.
 * Adding a command: declare it in its family's file, then list it here.
 */
import { helpCommand, languageCommand } from "./account.js";
import { alertCommand, alertsCommand, digestCommand } from "./alerts.js";
import {
  broadcastCommand,
  broadcastsCommand,
  subscribeCommand,
  unsubscribeCommand,
} from "./broadcast.js";
import {
  closeCommand,
  deleteCommand,
  editCommand,
  mineCommand,
  renewCommand,
  showCommand,
} from "./manage.js";
import { journalCommand } from "./journal.js";
import { pollCommand, pollsCommand, voteCommand } from "./polls.js";
import { statsCommand } from "./stats.js";
import { forgetCommand, myDataCommand } from "./privacy.js";
import { contactCommand, messagesCommand, relayFlow, replyCommand } from "./contact.js";
import { blockCommand, concludeCommand, shareCommand, unblockCommand } from "./contact-consent.js";
import { charterCommand } from "./charter.js";
import { directoryCommand } from "./directory.js";
import { approveCommand, introduceCommand, refuseCommand, requestsCommand } from "./membership.js";
import { removeCommand } from "./moderation.js";
import { muteCommand, unmuteCommand } from "./mute.js";
import { publishCommand, queueCommand, rejectCommand } from "./listing-review.js";
import { reportsCommand } from "./reports.js";
import { reportCommand } from "./report.js";
import { structureCommand } from "./structure.js";
import { structureFlow } from "./structure-flow.js";
import { networkCommand, startCommand } from "./network.js";
import { cancelCommand, needCommand, offerCommand, skipCommand } from "./post.js";
import { postFlow } from "./post-flow.js";
import { CommandRegistry } from "./registry.js";
import { moreCommand, searchCommand } from "./search.js";
import type { Command, Flow } from "./types.js";

/** All commands, in help order. */
export const allCommands = [
  offerCommand,
  needCommand,
  cancelCommand,
  skipCommand,
  searchCommand,
  moreCommand,
  alertCommand,
  alertsCommand,
  digestCommand,
  structureCommand,
  directoryCommand,
  contactCommand,
  replyCommand,
  messagesCommand,
  shareCommand,
  concludeCommand,
  blockCommand,
  unblockCommand,
  reportCommand,
  showCommand,
  mineCommand,
  editCommand,
  renewCommand,
  closeCommand,
  deleteCommand,
  removeCommand,
  reportsCommand,
  muteCommand,
  unmuteCommand,
  queueCommand,
  publishCommand,
  rejectCommand,
  journalCommand,
  statsCommand,
  broadcastCommand,
  broadcastsCommand,
  pollCommand,
  pollsCommand,
  voteCommand,
  requestsCommand,
  approveCommand,
  refuseCommand,
  networkCommand,
  subscribeCommand,
  unsubscribeCommand,
  languageCommand,
  myDataCommand,
  forgetCommand,
  charterCommand,
  introduceCommand,
  helpCommand,
  startCommand,
] as Command[];

/** All guided flows. */
export const allFlows: Flow[] = [postFlow, relayFlow, structureFlow];

/** A registry of all commands. */
export function createRegistry(): CommandRegistry {
  return new CommandRegistry(allCommands);
}
