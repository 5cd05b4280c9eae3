## Console mode: a local chat in the terminal.

console-welcome = Welcome to SoliTERR in console mode. You are { $member }, in room #{ $room }. Type /help for the bot's commands, :help for the console's.
console-help = Console commands:
    :as <name>           play another member (created at their first message)
    :animator on|off     be an animator or not in the current room
    :room <name>         go to another group room
    :dm                  go to the private chat with the bot
    :time <ISO date>     move the bot's clock forward (or :time +3d, +2h, +30m) and run the jobs that became due
    :quit                leave
    A number alone presses that button of the last message shown here.
console-failed = This message could not be handled (see the log, soliterr.log); it changed nothing.
console-unknown = Unknown console command ":{ $command }". Type :help.
console-as-usage = Give a name: :as Ana
console-as-done = You are now { $member }.
console-animator-on = { $member } is an animator of room #{ $room }.
console-animator-off = { $member } is no longer an animator of room #{ $room }.
console-room-usage = Give a room: :room lourdes
console-room-done = You are in room #{ $room }.
console-dm-done = You are in { $member }'s private chat with the bot.
console-time-usage = Give a date (:time 2026-12-24T08:00) or a duration (:time +3d, +2h, +30m).
console-time-past = The bot's clock does not go back.
console-time-done = Bot clock: { DATETIME($date, dateStyle: "full", timeStyle: "short") }.
console-prompt-private = private
console-to-here-room = here, room #{ $room }
console-to-here-private = here, privately
console-to-room = to room #{ $room }
console-to-private = privately to { $member }
console-offer-demo = The database is empty. Load the demo territory (Tarbes and around)? [Y/n]
console-demo-loaded = Demo territory loaded: { $count } listings.
console-demo-not-empty = The database already holds data: the demo territory is not loaded.
console-pinned = 📌 (message pinned in room #{ $room })
console-file = 📎 { $name }: { $path }
