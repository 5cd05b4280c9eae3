/**
 * The backlog of the delivery scenarios: numbered messages, a few lines long, sometimes with
 * buttons, queued in one go.
 */
import {
  em,
  message,
  paragraph,
  strong,
  type Button,
  type Destination,
  type OutgoingMessage,
} from "../bot/reply.js";
import { inTransaction, type Db } from "../storage/db.js";
import { enqueueMessage } from "../storage/outbox.js";
import { pick } from "./stats.js";

/** How a platform's messages differ. */
export interface MessageStyle {
  /** What people type before a command ("!" on Matrix, where Element intercepts "/"). */
  prefix: string;
  /** Whether a group message may carry a button that opens a private chat (Telegram). */
  privateButton: boolean;
}

/** The text of message `n`: unique (`msg <n>`), a few lines long, sometimes with buttons. */
export function outgoing(
  n: number,
  toGroup: boolean,
  rand: () => number,
  style: MessageStyle,
): OutgoingMessage {
  const what = pick(rand, [
    "Camionnette 12 m³ disponible le week-end",
    "Salle de réunion de 30 places à prêter",
    "Chambre froide partagée, créneaux le mardi",
    "Palettes et cartons de déménagement à donner",
    "Cherche bénévoles pour la collecte de samedi",
    "Imprimante grand format & traceur <A0>",
  ]);
  const where = pick(rand, [
    "Tarbes (65)",
    "Lourdes (65)",
    "Bagnères-de-Bigorre (65)",
    "Auch (32)",
  ]);
  const { prefix } = style;
  const blocks = [
    paragraph(
      strong(`msg ${n}`),
      " · ",
      toGroup ? "Nouvelle annonce" : "Alerte : une annonce vous concerne",
    ),
    paragraph(what, " — ", em(where)),
    paragraph(
      `Répondez avec ${prefix}contacter `,
      String(n),
      ` ou ouvrez-la avec ${prefix}voir `,
      String(n),
      ".",
    ),
  ];
  const buttons: Button[][] = [];
  const draw = rand();
  if (draw < 0.4)
    buttons.push([
      { label: "Voir l'annonce", command: `/voir ${n}` },
      { label: "Contacter", command: `/contacter ${n}` },
    ]);
  else if (draw < 0.45)
    // Over 64 bytes: the Telegram adapter keeps it in its state and sends a short key instead.
    buttons.push([
      {
        label: "Annonces proches",
        command: `/chercher ${what.split(" ")[0] ?? ""} lieu:"CA Tarbes-Lourdes-Pyrénées" modalite:pret page:${n}`,
      },
    ]);
  else if (style.privateButton && toGroup && draw < 0.55)
    buttons.push([{ label: "Répondre en privé", command: `/start c${n}`, openPrivate: true }]);
  return { text: message(blocks, buttons) };
}

/**
 * Queues messages 1 to `total` in one go, in transactions of 1,000, asking `plan` where each
 * goes and what it says; returns the milliseconds it took.
 */
export function enqueueBacklog(
  db: Db,
  total: number,
  now: number,
  plan: (n: number) => { destination: Destination; message: OutgoingMessage },
): number {
  const started = performance.now();
  for (let from = 1; from <= total; from += 1000) {
    inTransaction(db, () => {
      for (let n = from; n < Math.min(from + 1000, total + 1); n++) {
        const { destination, message } = plan(n);
        enqueueMessage(db, destination, message, now);
      }
    });
  }
  return performance.now() - started;
}
