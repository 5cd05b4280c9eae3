## Alerts, digests and need-offer matching.

alert-criteria-placeholder = <criteria>
alert-saved = 🔔 Alert no. { $number } saved:
alert-saved-next = New listings matching it will be sent to you { $rhythm }. To change: { $digest }.
alert-exists = You already have this alert (no. { $number }). Your alerts: { $alerts }.
alert-too-many = You already have { $max } alerts, the most allowed. Delete one first (see { $alerts }).
alert-paused = ⏸ Alert no. { $number } paused: it will send you nothing until you resume it. Your alerts: { $alerts }.
alert-resumed = ▶️ Alert no. { $number } resumed. Your alerts: { $alerts }.
alert-deleted = 🗑️ Alert no. { $number } deleted.
alert-number-unknown = You have no alert no. { $typed }: you have { $count }. See { $alerts }.
alert-everything-confirm = An alert with no criterion at all would send you every new listing of the territory: { $count ->
    [0] none
    [one] one
   *[other] { $count }
  } last week. Confirm it? Or rather narrow it, for example: { $example }
button-alert-everything = 🔔 Yes, send me everything
alerts-none = You have no alert yet. To create one: { $alert }, with the same criteria as /search.
alerts-heading = Your alerts ({ $count }):
alert-paused-label = paused
alerts-rhythm = They are sent to you { $rhythm }.
alerts-hint = To manage an alert: { $pause } (or resume), { $remove }. To change the rhythm: { $digest }.
rhythm-daily = every day at { $time }
rhythm-weekly = every { $day } at { $time }
rhythm-immediate = within a minute of their posting
rhythm-never = never (digests stopped)
rhythm-none = every day at 08:00 (default)
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
digest-current = Your digests come { $rhythm }. Next one: { DATETIME($next, dateStyle: "full", timeStyle: "short") }.
digest-how = To change: daily, weekly, immediate or never, with the time and day if you like, for example { $example }.
digest-word-unknown = I do not understand "{ $typed }". Rhythms: { $rhythms }; a time (08:00, 6:30); a day (monday…).
digest-set = Noted: your digests will come { $rhythm }.
digest-next = Next digest: { DATETIME($next, dateStyle: "full", timeStyle: "short") }.
digest-never-next = You will receive no more digests; your alerts stay saved.

digest-heading = 📬 { $count ->
    [one] One new listing for you
   *[other] { $count } new listings for you
  } — { DATETIME($date, day: "numeric", month: "long") }
digest-because-alert = alert no. { $number }
digest-because-match = answers your listing #{ $id }
digest-more = … and { $count ->
    [one] one more
   *[other] { $count } more
  } ("See all" button).
digest-hint = To see a listing: { $show }. Your alerts: { $alerts }.
button-show = See #{ $id }
button-pause-alert = ⏸ Pause alert no. { $number }
button-full-list = See all
button-save-alert = 🔔 Create an alert

listing-counterparts-need = 🤝 { $count ->
    [one] One need matches
   *[other] { $count } needs match
  } your offer #{ $id } (same category, overlapping places, words in common); their authors will be told:
listing-counterparts-offer = 🤝 { $count ->
    [one] One offer matches
   *[other] { $count } offers match
  } your need #{ $id } (same category, overlapping places, words in common); their authors will be told:
listing-reminder = ⏳ Your listing #{ $id } "{ $title }" ends on { DATETIME($date, dateStyle: "long") }. Still relevant? Renew it, or close it if it worked out. Without an answer, it will expire.

summary-heading = 📰 Network "{ $network }": { $count ->
    [one] one new listing
   *[other] { $count } new listings
  }
summary-more = … and { $count ->
    [one] one more
   *[other] { $count } more
  }: { $search } to see them all.
summary-hint = To see a listing in detail: { $show }.
network-summary-set = 📰 Every day at { $time }, I will post the network's new listings here (if there are any).
network-summary-off = The network's daily summary is stopped.
network-summary-time = Give a time (18:00) or "no" to stop: { $example }

help-matching = Matching, with no hidden algorithm: when a listing is posted, I look for the open listings of the opposite kind in the same category, in places that overlap, with at least one significant word of the title in common; their authors are told in their digest. An alert keeps the new listings that the same search would find.

cmd-alert-summary = receive the new listings of a search
cmd-alert-usage = /alert [words] [kind:offer|need] [#category] [in:…] [terms:…]  ·  /alert pause|resume|delete <no.>
cmd-alert-details = Same criteria as /search: new listings matching it come in your digest (every day at 08:00 by default, see /digest). Under search results, the "Create an alert" button does the same.
cmd-alerts-summary = see my alerts
cmd-alerts-usage = /alerts
cmd-alerts-details = Your numbered alerts, and the rhythm of your digests.
cmd-digest-summary = choose when I receive my digests
cmd-digest-usage = /digest [daily|weekly|immediate|never] [HH:MM] [day]
cmd-digest-details = Examples: /digest daily 07:30 — /digest weekly 18:00 friday — /digest immediate. One message per period, and nothing when nothing matches. After the service was down, a single catch-up digest.
