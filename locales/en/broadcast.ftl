# Broadcasts: /broadcast, /broadcasts, /subscribe, /unsubscribe (commands/broadcast.ts) and the
# messages and reports of bot/broadcasts.ts.

cmd-broadcast-summary = send a message to every room of the network (animators)
cmd-broadcast-usage = /broadcast [on <date> <time>] <message>
cmd-broadcast-details = The message goes to every room of the network, on Telegram and Matrix alike. You first get a preview in private: you can pin it, also send it privately to the members who subscribed (/subscribe), then confirm or cancel it. "on 2026-12-01 09:00" schedules it. Territory administrators can write "everywhere" for every network. Then you get a report: rooms reached, failures and why.
cmd-broadcasts-summary = see, confirm or cancel my broadcasts
cmd-broadcasts-usage = /broadcasts  ·  /broadcasts send|cancel|pin|members <no.>
cmd-broadcasts-details = Scheduled broadcasts first, then the latest sent or cancelled.
cmd-subscribe-summary = also receive the network's broadcasts in private
cmd-subscribe-usage = /subscribe
cmd-subscribe-details = Type it in the network's room (or in private: the last network you wrote in).
cmd-unsubscribe-summary = stop receiving broadcasts in private
cmd-unsubscribe-usage = /unsubscribe
cmd-unsubscribe-details = Broadcasts stay visible in the network's rooms.

broadcast-heading = 📣 { $network } — message from { $author }
broadcast-example = General meeting on Thursday at 6 pm at the chamber of commerce, all welcome!
broadcast-example-scheduled = on 2026-12-01 09:00 General meeting on Thursday at 6 pm
broadcast-text-missing = What message should I broadcast? For example: { $example }
broadcast-text-too-long = This message is { $length } characters long; a broadcast holds { $max } at most. Shorten it, or put the details in a listing.
broadcast-time-missing = At what time? Give the date, then the time, for example: { $example }
broadcast-time-past = { DATETIME($date, dateStyle: "full", timeStyle: "short") } has already passed: choose a time to come.
broadcast-time-too-far = A broadcast can be scheduled at most { $days } days ahead.
broadcast-everywhere-admin = Only territory administrators can broadcast "everywhere". For your network, type /broadcast in its room.
broadcast-no-network = This room belongs to no network: type /broadcast in your network's room (or bind this one with { $network }).
broadcast-no-rooms = This network has no room where the bot is present: nothing to broadcast to.
broadcast-limit = You have already sent or scheduled { $limit } broadcasts in the last 24 hours, the maximum. Try again tomorrow.
broadcast-everywhere = to every network of the territory ({ $count })
broadcast-network = to the network "{ $network }"
broadcast-rooms = { $count ->
    [one] 1 room
   *[other] { $count } rooms
  } ({ $platforms })
broadcast-preview-heading = Preview of broadcast no. { $id }
broadcast-preview-targets = It will go { $where }: { $rooms }, and { $subscribers ->
    [0] no subscribed member
    [one] 1 subscribed member
   *[other] { $subscribers } subscribed members
  } (in private, if you choose so).
broadcast-preview-scheduled = Scheduled for { DATETIME($date, dateStyle: "full", timeStyle: "short") }.
broadcast-preview-below = This is what members will read:
broadcast-preview-options = Pinned: { $pin ->
    [yes] yes
   *[no] no
  } · also in private to subscribers: { $members ->
    [yes] yes
   *[no] no
  }. Confirm or cancel with the buttons below.
button-broadcast-send = ✅ Send
button-broadcast-schedule = ✅ Schedule
button-broadcast-cancel = ✖ Cancel
button-broadcast-pin = 📌 Pin: { $pin ->
    [yes] yes
   *[no] no
  }
button-broadcast-members = ✉️ Subscribers in private: { $members ->
    [yes] yes
   *[no] no
  }
broadcast-unknown = I can't find broadcast no. { $typed }. See yours with { $list }.
broadcast-not-yours = Broadcast no. { $id } is not yours: only its author or a territory administrator may change it.
broadcast-action-unknown = "{ $typed }": I know send, cancel, pin and members, for example { $example }.
broadcast-already-scheduled = Broadcast no. { $id } is already scheduled.
broadcast-already-sending = Broadcast no. { $id } has already gone out.
broadcast-already-sent = Broadcast no. { $id } has already gone out.
broadcast-already-cancelled = Broadcast no. { $id } was cancelled.
broadcast-already-draft = Broadcast no. { $id } is not confirmed yet.
broadcast-scheduled = 🗓 Broadcast no. { $id } scheduled for { DATETIME($date, dateStyle: "full", timeStyle: "short") }. To cancel it until then: { $cancel }
broadcast-sent = 📣 Broadcast no. { $id } on its way to { $rooms ->
    [one] 1 room
   *[other] { $rooms } rooms
  }{ $members ->
    [0] {""}
    [one] {" "}and 1 member
   *[other] {" "}and { $members } members
  }. I will send you the report once everything has gone out.
broadcast-cancelled = Broadcast no. { $id } cancelled: nothing was sent.
broadcasts-none = No broadcast yet. In your network's room: { $broadcast } <message>
broadcasts-heading = Your broadcasts
broadcasts-cancel-hint = To cancel a scheduled broadcast: { $cancel }
broadcast-all-networks = every network
broadcast-line = no. { $id } · { $state ->
    [scheduled] scheduled for
    [sending] sending since
    [sent] sent on
   *[cancelled] cancelled on
  } { DATETIME($date, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit") } · { $network } · "{ $excerpt }"
broadcast-report-heading = 📊 Report of broadcast no. { $id }
broadcast-report-rooms = Rooms reached: { $reached } of { $total }.
broadcast-report-failures = Not reached:
broadcast-report-unreachable = unreachable (never opened the private chat, or blocked the bot)
broadcast-report-pinned = Pinned in { $pinned } room(s) of { $total }.
broadcast-report-members = In private: { $reached } member(s) of { $total }{ $unreachable ->
    [0] {""}
   *[other] {" "}({ $unreachable } unreachable for now: they will get it when they come back)
  }.
subscribe-no-network = Type /subscribe in the room of the network whose broadcasts you want.
subscribed = ✉️ You will also receive the broadcasts of the network "{ $network }" in private. To stop: { $stop }
subscribed-already = You already receive the broadcasts of the network "{ $network }" in private. To stop: { $stop }
unsubscribed = You will no longer receive the broadcasts of the network "{ $network }" in private (they stay in its rooms). To start again: { $start }
unsubscribed-already = You were not receiving the broadcasts of the network "{ $network }" in private. To receive them: { $start }
