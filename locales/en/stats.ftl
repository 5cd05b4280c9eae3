# /stats (commands/stats.ts).

stats-network = Network "{ $name }"
stats-territory = Territory { $name }
stats-heading = 📊 { $name } — from { DATETIME($from, dateStyle: "long") } to { DATETIME($to, dateStyle: "long") }
stats-posted = { $count ->
    [0] No listing posted
    [one] 1 listing posted
   *[other] { $count } listings posted
  }
stats-by-kind = { $offers ->
    [one] 1 offer
   *[other] { $offers } offers
  }, { $needs ->
    [one] 1 need
   *[other] { $needs } needs
  }
stats-matches = Need–offer matches found: { $count }
stats-ended = { $count ->
    [0] No listing ended
   *[other] Listings ended: { $list }
  }
stats-ended-one = { $count } { $how ->
    [given] given
    [received] received
    [done] done
    [withdrawn] withdrawn by their author
    [expired] expired
   *[removed] taken down by the animators
  }
stats-active = Active members: { $count }
stats-chart-title = Listings posted per week — { $name }
stats-chart-week = Week of
stats-chart-listings = Listings
stats-csv = The figures, for a spreadsheet:
stats-period-invalid = I don't understand the period "{ $typed }". For example: { $examples }.
stats-no-network = Type /stats in your network's room.
stats-territory-admin = The whole territory's figures are for its administrators; in your network's room, /stats gives the network's.
stats-chart-week-of = { DATETIME($date, day: "numeric", month: "short") }
stats-contacts = Contacts made through the bot: { $count }
stats-structures = Structures that posted: { $count }
