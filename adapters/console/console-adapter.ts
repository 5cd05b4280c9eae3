/**
 * The console adapter: a local chat in the terminal, so that anyone can try every command
 * without a chat platform. One person can play several members (`:as`), rooms (`:room`,
 * `:dm`), an animator (`:animator`), and move the clock (`:time`). Every message the bot sends
 * is printed with where it goes: here, another room, or a member's private chat.
 *
 * When standard input is not a terminal, it reads one line at a time, prints the replies to
 * each, and ends at the end of input, so that it can be scripted.
 */
import { randomUUID } from "node:crypto";
import { createInterface, type Interface } from "node:readline";
import type { AdjustableClock } from "../../bot/clock.js";
import type { Translator } from "../../bot/i18n.js";
import { parseZonedDate } from "../../bot/time.js";
import type { Button, Destination, OutgoingMessage } from "../../bot/reply.js";
import { nameKey } from "../../storage/text.js";
import type { Adapter, InboundHandler, PlatformRole, RoomRef } from "../types.js";
import { renderText, stripControl } from "./render.js";

/** What the console adapter needs. */
export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal: prompt, colours, history. Otherwise: scripted line by line. */
  interactive: boolean;
  /** Texts of the console itself, in the territory's language. */
  t: Translator;
  clock: AdjustableClock;
  /** Waits until the messages queued so far are printed. */
  drain: () => Promise<void>;
  /** Runs the scheduled jobs (after the clock moved). */
  runJobs: () => Promise<void>;
  /** Time zone of the territory, for `:time` dates written without an offset. Default Europe/Paris. */
  timeZone?: string;
  /** The member played at start. Default "Camille". */
  member?: string;
  /** The group room at start. Default "tarbes". */
  room?: string;
}

/** The platform name of console members and rooms. */
export const CONSOLE_PLATFORM = "console";

const DURATION = /^\+(\d{1,5})\s*([dhm])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** Slug used as the platform id of a console member or room: "Marie-Hélène" -> "marie_helene". */
function slug(name: string): string {
  return nameKey(name).replace(/ /g, "_").slice(0, 40) || "x";
}

/** A local chat in the terminal. */
export class ConsoleAdapter implements Adapter {
  readonly platform = CONSOLE_PLATFORM;
  private readonly animators = new Set<string>();
  /** Buttons of the last message shown in each room (private chats: `dm:<member>`), by number. */
  private readonly buttons = new Map<string, { messageId: string; buttons: Button[] }>();
  private memberName: string;
  private roomName: string;
  private direct = false;
  /** Set by `:quit`: the lines a script sent after it are not carried out. */
  private quitting = false;
  private rl: Interface | undefined;
  private handler: InboundHandler | undefined;
  private sent = 0;
  private ended!: () => void;
  /** Resolves when the input ends (end of a script, `:quit`, Ctrl-D). */
  readonly done = new Promise<void>((resolve) => (this.ended = resolve));

  constructor(private readonly options: ConsoleOptions) {
    this.memberName = options.member ?? "Camille";
    this.roomName = options.room ?? "tarbes";
  }

  async start(handler: InboundHandler): Promise<void> {
    this.handler = handler;
    const rl = createInterface({
      input: this.options.input,
      // Only a terminal gets the prompt and line editing; a script gets nothing but the replies.
      ...(this.options.interactive ? { output: this.options.output } : {}),
      terminal: this.options.interactive,
      historySize: 200,
    });
    this.rl = rl;
    // Output piped into a program that stopped reading (`| head`): stop quietly, as a shell
    // command does, instead of crashing with a stack trace.
    this.options.output.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      this.quitting = true;
      rl.close();
    });
    if (this.options.interactive) {
      this.print(
        this.options.t("console-welcome", { member: this.memberName, room: this.roomName }),
      );
      this.prompt();
    }
    // Lines are handled one at a time, in order, each with its replies printed before the next.
    let chain = Promise.resolve();
    rl.on("line", (line) => {
      chain = chain.then(() => this.onLine(line)).then(() => this.prompt());
    });
    rl.on("close", () => {
      void chain.then(() => this.ended());
    });
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.done;
  }

  roleOf(room: RoomRef, userId: string): Promise<PlatformRole> {
    return Promise.resolve(this.animators.has(`${room.id}|${userId}`) ? "animator" : "member");
  }

  send(destination: Destination, message: OutgoingMessage): Promise<string> {
    const id = `console-msg-${++this.sent}`;
    const roomKey = destination.kind === "room" ? destination.roomId : `dm:${destination.userId}`;
    const buttons = message.text.buttons.flat();
    if (buttons.length > 0) this.buttons.set(roomKey, { messageId: id, buttons });
    else this.buttons.delete(roomKey);
    const header = `── ${this.label(destination)} ──`;
    // A file (a chart, a CSV) stays beside the database: the console gives its path.
    const file = message.attachment
      ? `${this.options.t("console-file", { name: message.attachment.filename, path: message.attachment.path })}\n`
      : "";
    this.print(
      `${this.options.interactive ? `\x1b[2m${header}\x1b[22m` : header}\n${renderText(message.text, this.options.interactive)}\n${file}`,
    );
    return Promise.resolve(id);
  }

  /** Pins a message: the console says so under it. */
  pin(roomId: string): Promise<void> {
    this.print(`${this.options.t("console-pinned", { room: roomId })}\n`);
    return Promise.resolve();
  }

  /** Where a message goes, in words: here, another room, or someone's private chat. */
  private label(destination: Destination): string {
    const { t } = this.options;
    const me = slug(this.memberName);
    if (destination.kind === "member") {
      const here = this.direct && destination.userId === me;
      return t(here ? "console-to-here-private" : "console-to-private", {
        member: destination.userId,
      });
    }
    const current = this.currentRoom().id;
    if (destination.roomId === current) {
      return t(this.direct ? "console-to-here-private" : "console-to-here-room", {
        room: this.roomName,
      });
    }
    return destination.roomId.startsWith("dm:")
      ? t("console-to-private", { member: destination.roomId.slice(3) })
      : t("console-to-room", { room: destination.roomId });
  }

  private currentRoom(): RoomRef {
    const me = slug(this.memberName);
    return this.direct
      ? { id: `dm:${me}`, kind: "direct" }
      : { id: slug(this.roomName), kind: "group", title: this.roomName };
  }

  private prompt(): void {
    if (!this.options.interactive || !this.rl) return;
    const where = this.direct ? this.options.t("console-prompt-private") : `#${this.roomName}`;
    this.rl.setPrompt(`[${where}] ${this.memberName} > `);
    this.rl.prompt();
  }

  private print(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  private async onLine(raw: string): Promise<void> {
    if (this.quitting) return;
    const line = raw.trim();
    if (!line) return;
    if (!this.options.interactive)
      this.print(
        `${this.direct ? "[dm]" : `[#${this.roomName}]`} ${stripControl(this.memberName)} > ${stripControl(line)}`,
      );
    if (line.startsWith(":")) {
      await this.meta(line);
      return;
    }
    const room = this.currentRoom();
    // A bare number presses a button of the last message shown here.
    const pressed = /^\d{1,2}$/.test(line) ? this.buttons.get(room.id) : undefined;
    const button = pressed?.buttons[Number(line) - 1];
    try {
      await this.handler?.({
        platform: this.platform,
        eventId: randomUUID(),
        room,
        sender: { id: slug(this.memberName), displayName: this.memberName },
        text: button ? button.command : line,
        timestamp: new Date(this.options.clock.now()),
        ...(button && pressed ? { button: { messageId: pressed.messageId } } : {}),
      });
    } catch {
      // The pipeline logged it; the line had no effect (its transaction was rolled back).
      this.print(this.options.t("console-failed"));
    }
    await this.options.drain();
  }

  /** Console-only commands, starting with `:`. */
  private async meta(line: string): Promise<void> {
    const { t } = this.options;
    const [command = "", ...rest] = line.slice(1).split(/\s+/);
    const arg = rest.join(" ").trim();
    switch (command.toLowerCase()) {
      case "as":
        if (!arg) return this.print(t("console-as-usage"));
        this.memberName = arg.slice(0, 60);
        return this.print(t("console-as-done", { member: this.memberName }));
      case "animator":
      case "animateur": {
        const key = `${slug(this.roomName)}|${slug(this.memberName)}`;
        const on = !/^(off|non|no|0)$/i.test(arg);
        if (on) this.animators.add(key);
        else this.animators.delete(key);
        return this.print(
          t(on ? "console-animator-on" : "console-animator-off", {
            member: this.memberName,
            room: this.roomName,
          }),
        );
      }
      case "room":
      case "salon":
        if (!arg) return this.print(t("console-room-usage"));
        this.roomName = arg.slice(0, 60);
        this.direct = false;
        return this.print(t("console-room-done", { room: this.roomName }));
      case "dm":
      case "prive":
      case "privé":
        this.direct = true;
        return this.print(t("console-dm-done", { member: this.memberName }));
      case "time":
      case "temps":
        return this.moveTime(arg);
      case "quit":
      case "exit":
      case "quitter":
        this.quitting = true;
        this.rl?.close();
        return;
      case "help":
      case "aide":
        return this.print(t("console-help"));
      default:
        return this.print(t("console-unknown", { command }));
    }
  }

  private async moveTime(arg: string): Promise<void> {
    const { t, clock } = this.options;
    const duration = DURATION.exec(arg);
    if (duration) {
      clock.advance(Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS]);
    } else {
      const target = arg
        ? parseZonedDate(arg, this.options.timeZone ?? "Europe/Paris")
        : Number.NaN;
      if (Number.isNaN(target)) return this.print(t("console-time-usage"));
      if (target < clock.now()) return this.print(t("console-time-past"));
      clock.set(target);
    }
    this.print(t("console-time-done", { date: new Date(clock.now()) }));
    await this.options.runJobs();
    await this.options.drain();
  }
}
