# The audit log as /log shows it (commands/journal.ts): one sentence per action.

journal-network = Log of the network "{ $name }"
journal-territory = Log of the territory
journal-mine = The decisions that concern you
journal-page = (page { $page })
journal-empty = Nothing recorded yet.
journal-no-more = There is no other page.
journal-bot = the bot
journal-when = { DATETIME($date, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit") }
journal-other = { $action }
journal-broadcast-cancelled = cancelled the scheduled broadcast no. { $broadcast }
journal-broadcast-scheduled = scheduled broadcast no. { $broadcast } ({ $rooms } rooms)
journal-broadcast-sent = sent broadcast no. { $broadcast } ({ $rooms } rooms)
journal-command-refused = was refused the command "{ $command }"
journal-listing-closed = closed listing #{ $listing }
journal-listing-deleted = deleted listing #{ $listing } "{ $title }"
journal-listing-edited = edited listing #{ $listing } ({ $field })
journal-listing-removed = took down listing #{ $listing } (reason: { $reason })
journal-listing-renewed = renewed listing #{ $listing }
journal-network-link-code = asked for a code to bind another room
journal-network-summary = set the network's daily summary ({ $time ->
    [none] stopped
   *[other] at { $time }
  })
journal-poll-created = asked poll no. { $poll } "{ $title }" ({ $rooms } rooms)
journal-poll-closed = closed poll no. { $poll } ({ $voters } voters)
journal-room-bound = bound a { $platform } room to the network
journal-room-linked = bound a { $platform } room to the network with a code
