/**
 * How moderation commands name a person: `@handle` (a Telegram username, a Matrix id such as
 * `@ana:example.org`), `#42` (the author of listing 42), or `n°12` / `12` (the member number
 * that lists of reports and mutes show next to each name).
 */
import { UserError } from "../bot/errors.js";
import { memberById, membersByHandle, type Member } from "../storage/members.js";
import { findListing } from "./listing-access.js";
import type { CommandContext } from "./types.js";

/** The person a typed designation names, or a message saying how to name someone. */
export function resolveMember(ctx: CommandContext, typed: string | undefined): Member {
  const word = (typed ?? "").trim();
  const example = ctx.t("member-ref-example");
  if (!word) throw new UserError("member-ref-missing", { example });
  if (word.startsWith("@") && word.length > 1) {
    const found = membersByHandle(ctx.db, word);
    if (found.length === 1 && found[0]) return found[0];
    if (found.length > 1) {
      throw new UserError("member-ref-ambiguous", {
        typed: word,
        numbers: found.map((m) => `n°${m.id} (${m.displayName}, ${m.platform})`).join(", "),
      });
    }
    throw new UserError("member-ref-unknown", { typed: word, example });
  }
  const listing = /^#(\d{1,15})$/.exec(word);
  if (listing) {
    const author = memberById(ctx.db, findListing(ctx, Number(listing[1])).authorId);
    if (author) return author;
  }
  const number = /^(?:n°|no|n)?(\d{1,15})$/i.exec(word);
  const member = number ? memberById(ctx.db, Number(number[1])) : undefined;
  if (member) return member;
  throw new UserError("member-ref-unknown", { typed: word.slice(0, 40), example });
}

/** A person as lists show them, with the number that names them: "Ana (n°12)". */
export function memberLabel(member: Pick<Member, "id" | "displayName">): string {
  return `${member.displayName} (n°${member.id})`;
}
