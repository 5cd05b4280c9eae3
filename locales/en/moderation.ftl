# Moderation by the network's animators: mutes, reports to review, moderated posting.

## Naming a person (commands/member-ref.ts)
member-ref-example = @username, #42 (the author of listing 42) or n°12 (the member number the lists show)
member-ref-missing = Who is it about? Name the person with { $example }.
member-ref-ambiguous = "{ $typed }" may mean several people: { $numbers }. Name them by number (n°…).
member-ref-unknown = I cannot find anyone named "{ $typed }". Name the person with { $example }.

## Mutes
mute-example = /mute @username 7d reason (lengths: 12h, 3d, 2w, 1month)
mute-active = 🔇 You are muted in the network "{ $network }" until { DATETIME($date, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit") } (reason: { $reason }): you cannot post, contact or broadcast in this network until then. You can still search and read listings.
moderation-no-network = This command acts on a network: type it in the network's room (or privately after writing there).
mute-duration = Say how long the mute lasts (a year at most). Example: { $example }
mute-reason-too-long = The reason is 500 characters at most.
mute-self = You cannot mute yourself.
mute-moderator = { $name } animates this network (or administers the territory): mutes do not apply to animators. Talk it over among animators.
mute-notice = 🔇 The animators of the network "{ $network }" muted you until { DATETIME($date, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit") }.
mute-notice-reason = Reason: { $reason }
mute-notice-next = Until then you cannot post, contact or broadcast in this network; you can still search and read. The decision is in your log: { $journal }
mute-done = 🔇 { $name } is muted in the network "{ $network }" until { DATETIME($date, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit") }. They are told privately, and the decision is in the log.
mute-none = { $name } is not muted in the network "{ $network }".
unmute-notice = 🔊 Your mute in the network "{ $network }" is lifted: you can post and contact again.
unmute-done = 🔊 The mute of { $name } in the network "{ $network }" is lifted. They are told.
mute-none-active = Nobody is muted in the network "{ $network }".
mute-how = To mute someone: { $example }
mute-list-heading = 🔇 { $count ->
    [one] One person muted
   *[other] { $count } people muted
  } in the network "{ $network }":
mute-until = until { DATETIME($date, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit") }
mute-reason = reason: { $reason }
button-unmute = 🔊 Unmute { $name }

## Reports to review (/reports)
button-reports = 📋 Reports
button-report-remove = 🚫 Remove listing #{ $id }
button-report-mute = 🔇 Mute 7 days
button-report-dismiss = 🗂 Dismiss n°{ $number }
report-not-found = I cannot find report n°{ $id }. Open reports: { $list }
report-already-handled = Report n°{ $id } was already handled by { $by } ({ $outcome ->
    [removed] listing removed
    [muted] person muted
   *[other] dismissed
  }).
report-no-listing = Report n°{ $id } is about messages, not a listing: mute the person or dismiss it.
report-no-one-to-mute = Report n°{ $id } names nobody to mute.
report-dismissed = 🗂 Report n°{ $id } dismissed. It is in the log.
reports-line-listing = listing #{ $id } "{ $title }" by { $name }, reported by { $reporter } — reason: { $reason }
reports-line-message = messages from { $name } (conversation n°{ $thread }, listing #{ $id } "{ $title }"), reported by { $reporter } — reason: { $reason }
reports-none = ✅ No open report ({ $title }).
reports-heading = 📋 Open reports — { $title }: { $count }
reports-how = To act: { $example } [reason]; or "mute <n°> 7d", "dismiss <n°> [reason]". Newest first.
reports-example-word = remove

## Moderated posting
button-approve-listing = ✅ Publish #{ $id }
button-reject = ❌ Refuse #{ $id }
review-notice = 📝 { $name } submitted listing #{ $id } in the network "{ $network }": it waits for your approval.
review-how = To publish it: { $publish }; to refuse it: { $reject } <reason>.
review-already-approved = Listing #{ $id } was already approved by { $by }: it is published as #{ $newId }.
review-not-pending = Listing #{ $id } is not waiting for approval.
review-approved-notice = ✅ Your listing "{ $title }" was approved by the animators of the network "{ $network }": it is published as #{ $id }.
review-approved = ✅ Listing published as #{ $id } (submitted as #{ $submitted }). Its author is told.
review-ask-reason = Why refuse listing #{ $id }? Its author will get the reason. Type: { $example }
review-rejected-notice = ❌ Your listing "{ $title }" was not approved by the animators of the network "{ $network }".
review-rejected = ❌ Listing #{ $id } refused. Its author is told the reason.
review-queue-empty = ✅ No listing waits for approval ({ $where }).
review-queue-heading = 📝 { $count ->
    [one] One listing waits
   *[other] { $count } listings wait
  } for approval — { $where } (oldest first):
review-still-waiting = { $count ->
    [one] One listing still waits
   *[other] { $count } listings still wait
  } for a decision: { $queue }
network-moderation-word = Say "yes" or "no". Example: { $example }
network-moderation-on = 📝 Moderated posting in the network "{ $network }": new listings will wait for an animator's approval (yours are published at once).
network-moderation-off = Open posting in the network "{ $network }": new listings are published at once.
network-moderation-shown-on = Posting: moderated (new listings wait for an animator's approval).
network-moderation-shown-off = Posting: open.
network-animators = { $count ->
    [one] Animator:
   *[other] Animators ({ $count }):
  } { $names }
network-animators-none = Animators: nobody yet (the room's administrators are known as soon as they use the bot).
listing-pending-offer = ⏳ Your offer #{ $id } is saved: it waits for the approval of the network's animators.
listing-pending-need = ⏳ Your need #{ $id } is saved: it waits for the approval of the network's animators.
listing-pending-next = Nobody else sees it until then; you will be told of the decision. To see it again: { $show }; all your listings: { $mine }.
listing-is-pending = Listing #{ $id } waits for the animators' approval: you may edit or delete it, but not renew or close it yet.
status-pending = waiting for approval

## The journal
journal-listing-approved = approved listing #{ $listing } (submitted as #{ $submitted })
journal-listing-rejected = refused listing #{ $listing } (reason: { $reason })
journal-listing-reported = reported listing #{ $listing } (reason: { $reason })
journal-message-reported = reported messages about listing #{ $listing } (reason: { $reason })
journal-member-muted = muted { $subject } until { DATETIME($date, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit") }{ $reason ->
    [none] {""}
   *[other] {" "}(reason: { $reason })
  }
journal-member-muted-erased = muted { $subject }
journal-member-unmuted = lifted the mute of { $subject }
journal-network-moderation = set posting to { $moderation ->
    [on] moderated
   *[other] open
  }
journal-report-dismissed = dismissed report n°{ $report } ({ $subject })

## Help
cmd-reports-summary = reports to review (animators)
cmd-reports-usage = /reports [page]  ·  /reports remove|mute|dismiss <n°> [length] [reason]
cmd-reports-details = The network's open reports, with buttons: remove the listing, mute its author, dismiss. Territory administrators see every network.
cmd-mute-summary = mute a member in the network (animators)
cmd-mute-usage = /mute [@member|#listing|n° length [reason]]  ·  /mute lift <member>
cmd-mute-details = For the chosen length (12h, 7d, 2w, 1month) the person cannot post, contact or broadcast in the network. They are told privately. /mute alone lists the current mutes.
cmd-unmute-summary = lift a mute (animators)
cmd-unmute-usage = /unmute <member>
cmd-unmute-details = The person is told, and it is in the log.
cmd-queue-summary = listings waiting for approval (animators)
cmd-queue-usage = /queue
cmd-queue-details = When posting is moderated (/network moderation on), new listings wait here, oldest first.
cmd-publish-summary = approve a waiting listing (animators)
cmd-publish-usage = /publish <number>
cmd-publish-details = The listing is published as if just posted (under a new number); its author is told.
cmd-reject-summary = refuse a waiting listing (animators)
cmd-reject-usage = /reject <number> <reason>
cmd-reject-details = Its author is told the reason, and it is in the log.
