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
journal-member-approved = accepted { $subject } into the network
journal-member-refused = refused the membership of { $subject }{ $reason ->
    [none] {""}
   *[other] {" "}(reason: { $reason })
  }
journal-join-requested = asked to join the network
journal-network-created = created the network
journal-network-policy = set the network's membership to { $policy ->
    [validation] validation by its animators
   *[other] open to everyone
  }
journal-network-questions = changed the questions asked to newcomers
journal-animator-named = named { $subject } an animator of the network
journal-animator-unnamed = withdrew { $subject } from the network's animators
journal-charter-accepted = accepted the territory's charter
journal-contact-started = wrote to { $subject } about listing #{ $listing }
journal-contact-shared = shared their contact details with { $subject } (conversation no. { $thread })
journal-member-blocked = blocked { $subject }
journal-member-unblocked = unblocked { $subject }
journal-erasure-requested = asked for their data to be erased
journal-erasure-cancelled = cancelled the erasure of their data
journal-member-erased = erased a member's data, at their request
journal-structure-created = registered structure no. { $structure } "{ $name }"
journal-structure-edited = edited structure no. { $structure } ({ $field })
journal-structure-invite = made an invitation code for structure no. { $structure }
journal-structure-joined = joined structure no. { $structure }
journal-structure-admin = made { $subject } an administrator of structure no. { $structure }
journal-structure-left = left structure no. { $structure }
journal-structure-exported = exported the data of structure no. { $structure }
