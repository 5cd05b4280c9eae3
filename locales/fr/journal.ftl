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
journal-member-approved = a accepté { $subject } dans le réseau
journal-member-refused = a refusé l'adhésion de { $subject }{ $reason ->
    [none] {""}
   *[other] {" "}(motif : { $reason })
  }
journal-join-requested = a demandé à rejoindre le réseau
journal-network-created = a créé le réseau
journal-network-policy = a réglé l'adhésion au réseau : { $policy ->
    [validation] sur validation par l'animation
   *[other] ouverte à tous
  }
journal-network-questions = a changé les questions posées aux nouveaux membres
journal-animator-named = a nommé { $subject } à l'animation du réseau
journal-animator-unnamed = a retiré { $subject } de l'animation du réseau
journal-charter-accepted = a accepté la charte du territoire
journal-contact-started = a écrit à { $subject } au sujet de l'annonce #{ $listing }
journal-contact-shared = a partagé ses coordonnées avec { $subject } (conversation n°{ $thread })
journal-member-blocked = a bloqué { $subject }
journal-member-unblocked = a débloqué { $subject }
journal-erasure-requested = a demandé l'effacement de ses données
journal-erasure-cancelled = a annulé l'effacement de ses données
journal-member-erased = a effacé les données d'un membre, à sa demande
journal-structure-created = a inscrit la structure n°{ $structure } « { $name } »
journal-structure-edited = a modifié la structure n°{ $structure } ({ $field })
journal-structure-invite = a créé un code d'invitation pour la structure n°{ $structure }
journal-structure-joined = a rejoint la structure n°{ $structure }
journal-structure-admin = a confié l'administration de la structure n°{ $structure } à { $subject }
journal-structure-left = a quitté la structure n°{ $structure }
journal-structure-exported = a exporté les données de la structure n°{ $structure }
