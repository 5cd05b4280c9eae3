/**
 * Random and hostile chat input for robustness tests: a tiny seeded PRNG (so that a failing
 * run can be replayed with its seed) and generators of the text people, bots and attackers
 * send to a chat bot.
 */

/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence. */
export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
}

/** Pieces of hostile text, each a classic way to break a parser, a renderer or a query. */
export const HOSTILE_FRAGMENTS: readonly string[] = [
  "",
  " ",
  "\t\t",
  "\n\n\n",
  "\r\n",
  "\u0000",
  "a\u0000b",
  "\u0007\u0008\u001b[31mrouge\u001b[0m",
  "\u001b]0;titre\u0007",
  "\u007f\u0085\u009f",
  "\u200b\u200c\u200d\u2060\ufeff",
  "\u202eevil\u202c",
  "\u2066isolé\u2069",
  "\u200fשלום\u200e",
  "مرحبا بالعالم",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "😀",
  "💥🔥🚐",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈",
  "e\u0301\u0301\u0301",
  "Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍A̴̵̜̰͔ͫ͗͢L̠ͨͧͩ͘G̴̻͈͍͔̹̑͗̎̅͛́Ǫ̵̹̻̝̳͂̌̌͘",
  "<script>alert(1)</script>",
  "<b>gras</b>",
  '<a href="javascript:alert(1)">clic</a>',
  "&amp; &lt; &#0; &#x202e;",
  "**gras** _italique_ `code` ~~barré~~",
  "[lien](https://exemple.org)",
  "# Titre\n- liste",
  "'; DROP TABLE listings; --",
  "1 OR 1=1",
  '" OR ""="',
  "' UNION SELECT * FROM members --",
  '"',
  '""',
  '"non fermé',
  "«",
  "« guillemets »",
  "“",
  "„",
  "*",
  "**",
  "camion*",
  "NEAR(",
  "NEAR(a b, 2)",
  "OR",
  "AND",
  "NOT",
  "a OR b",
  "{title}:",
  "{title description}: x",
  "tags : st_open",
  "^",
  "^camion",
  "-",
  "--",
  "(",
  ")",
  ":",
  "::",
  "99999999999999999999999999999999999999",
  "9007199254740993",
  "1e308",
  "1e309",
  "-1",
  "-0",
  "0",
  "0x10",
  "NaN",
  "Infinity",
  "1.5",
  "#",
  "##",
  "#💥",
  "#vehicules",
  "#vehicules #locaux #rien",
  "#'; DROP",
  "#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "lieu:",
  'lieu:"',
  'lieu:"Saint',
  "lieu:💥",
  "lieu:65",
  "lieu:Tarbes",
  "lieu:00000",
  "lieu:2A",
  "lieu:20",
  "a:",
  "in:'",
  "type:",
  "type:offre",
  "type:💥",
  "statut:toutes",
  "statut:💥",
  "jusqu:99/99/9999",
  "jusqu:31/12/9999",
  "jusqu:29/02/2027",
  "jusqu:0000-01-01",
  "jusqu:0100-01-01",
  "jusqu:999j",
  "jusqu:0j",
  "jusqu:",
  "modalite:💥",
  "modalite:",
  "modalite:pret",
  "/",
  "//",
  "/ offre",
  "/offre@",
  "/aide@autre_bot",
  "!",
  "!!",
  "@everyone",
  "%s%s%s%n",
  "${process.exit()}",
  "{{constructor}}",
  "__proto__",
  "constructor",
  "toString",
  "../../etc/passwd",
  "C:\\Windows\\system32",
  "null",
  "undefined",
  "true",
  "oui",
  "passer",
  "annuler",
  "titre",
  "Tarbes",
  "65",
  "Saint-Martin",
  "camionnette",
  "Prêt de matériel",
];

/** The number of UTF-16 code units of a "very long" input. */
export const HUGE_LENGTH = 100_000;

/** A text of about `length` characters made of one repeated hostile piece. */
export function hugeText(rng: Rng, length = HUGE_LENGTH): string {
  const unit = rng.pick(["a", "é", "😀", "\u0000", " ", "\n", "9", "#x ", "lieu:a ", "\u202e"]);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** One to `pieces` hostile fragments joined by spaces (rarely, a huge text). */
export function garbage(rng: Rng, pieces = 4): string {
  if (rng.chance(0.015)) return hugeText(rng);
  const n = 1 + rng.int(pieces);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(rng.pick(HOSTILE_FRAGMENTS));
  return parts.join(rng.chance(0.8) ? " " : "");
}
