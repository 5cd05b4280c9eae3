/**
 * One-time codes people copy from one chat to another (binding a room to a network, joining
 * a structure): 8 letters and digits nobody confuses when reading them aloud (no 0/O, 1/I/L),
 * about 40 bits, drawn without bias.
 */
import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A new code: `K7QFM2XD`. */
export function oneTimeCode(): string {
  return Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)] ?? "A").join("");
}

/** A code as typed, in the form it is kept in: upper case, letters and digits only. */
export function readCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, "");
}
