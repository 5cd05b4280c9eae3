# The audit log as /journal shows it (commands/journal.ts): one sentence per action.

journal-network = Journal du réseau « { $name } »
journal-territory = Journal du territoire
journal-mine = Les décisions qui vous concernent
journal-page = (page { $page })
journal-empty = Rien n'y est encore inscrit.
journal-no-more = Il n'y a pas d'autre page.
journal-bot = le bot
journal-when = { DATETIME($date, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit") }
journal-other = { $action }
journal-broadcast-cancelled = a annulé la diffusion programmée n°{ $broadcast }
journal-broadcast-scheduled = a programmé la diffusion n°{ $broadcast } ({ $rooms } salons)
journal-broadcast-sent = a envoyé la diffusion n°{ $broadcast } ({ $rooms } salons)
journal-command-refused = s'est vu refuser la commande « { $command } »
journal-listing-closed = a clôturé l'annonce #{ $listing }
journal-listing-deleted = a supprimé l'annonce #{ $listing } « { $title } »
journal-listing-edited = a modifié l'annonce #{ $listing } ({ $field })
journal-listing-removed = a retiré l'annonce #{ $listing } (motif : { $reason })
journal-listing-renewed = a renouvelé l'annonce #{ $listing }
journal-network-link-code = a demandé un code pour relier un autre salon
journal-network-summary = a réglé le résumé quotidien du réseau ({ $time ->
    [none] arrêté
   *[other] à { $time }
  })
journal-poll-created = a posé le sondage n°{ $poll } « { $title } » ({ $rooms } salons)
journal-poll-closed = a clos le sondage n°{ $poll } ({ $voters } votants)
journal-room-bound = a relié un salon { $platform } au réseau
journal-room-linked = a relié un salon { $platform } au réseau avec un code
