# Données personnelles : /mesdonnees, /oublier

cmd-mydata-summary = recevoir en privé tout ce que le bot garde sur moi (résumé et fichier)
cmd-mydata-usage = /mesdonnees [structure]
cmd-mydata-details = Je vous envoie en privé un résumé et un fichier JSON de tout ce que je garde sur vous : profil, réglages, réseaux, structure, annonces, alertes, conversations et messages (les autres personnes y sont nommées comme dans les messages relayés), blocages, signalements, entrées du journal qui vous concernent, abonnements. Avec « structure », les administrateurs d'une structure reçoivent ses données : profil, équipe, annonces.
cmd-forget-summary = demander l'effacement de mes données
cmd-forget-usage = /oublier [confirmer [anonyme] | annuler]
cmd-forget-details = Explique ce qui sera effacé et demande confirmation. L'effacement a lieu 14 jours après la confirmation ; « /oublier annuler » l'arrête d'ici là. Avec « anonyme », vos annonces terminées restent aux statistiques comme des fiches anonymes (catégorie, type, lieu, dates, issue), sans titre ni texte.

privacy-sent-private = { $name }, je vous ai envoyé vos données en privé.
privacy-answer-private = { $name }, je vous réponds en privé.
privacy-filename = mes-donnees
privacy-structure-filename = donnees-structure
privacy-heading = 🗂 Vos données sur { $territory }
privacy-status-open = ouvertes
privacy-status-closed = clôturées
privacy-status-expired = expirées
privacy-status-removed = retirées
privacy-status-pending = en attente de validation
privacy-status-anonymised = fiches anonymes
privacy-profile = Profil : { $name }, connu depuis le { DATETIME($date, dateStyle: "long") }
privacy-listings = Annonces : { $count } ({ $statuses })
privacy-alerts = Alertes : { $alerts } ; recherches gardées pour la page suivante : { $searches }
privacy-structure = Structure : { $name } ({ $role ->
    [admin] administrateur
   *[member] membre
  })
privacy-structure-none = Structure : aucune
privacy-networks = Réseaux rejoints : { $count }
privacy-conversations = Conversations : { $count } ; messages envoyés : { $sent }, reçus : { $received }
privacy-blocks = Personnes bloquées : { $blocks } ; signalements faits : { $reports }
privacy-broadcasts = Diffusions écrites : { $broadcasts } ; abonnements aux diffusions : { $subscriptions }
privacy-audit = Entrées du journal qui vous concernent : { $count }
privacy-file = Le fichier joint contient tout, au format JSON. Pour être oublié : { $forget }.
privacy-args = Tapez /mesdonnees, ou /mesdonnees structure pour les données de votre structure.
privacy-no-structure = Vous n'agissez pour aucune structure. Pour en inscrire une : { $create }.
privacy-structure-admin = Seuls les administrateurs de « { $name } » peuvent exporter ses données.
privacy-structure-file = 🗂 Données de « { $name } » : son profil, { $members ->
    [one] un membre
   *[other] { $members } membres
  } et { $listings ->
    [0] aucune annonce
    [one] une annonce
   *[other] { $listings } annonces
  }, dans le fichier joint (JSON).

forget-word-confirm = confirmer
forget-word-cancel = annuler
forget-word-keep = anonyme
forget-args = Tapez /oublier pour savoir ce qui sera effacé, /oublier confirmer pour le demander, /oublier annuler pour l'arrêter.
forget-heading = 🗑 Effacer vos données
forget-what = Seront effacés : votre profil et vos identifiants de plateforme, vos réglages, vos alertes, votre appartenance aux réseaux et à votre structure, le texte de vos annonces, les messages que vous avez envoyés par le bot, vos blocages, vos abonnements et les messages qui vous attendent.
forget-kept = Resteront, sans rien qui vous désigne : des fiches anonymes de vos annonces (type, catégorie, réseau, dates, issue) pour que les statistiques ne changent pas, les conversations sans vos messages (ce que l'autre personne vous a écrit reste le sien), et les décisions du journal, sans votre nom ni vos textes.
forget-how = L'effacement a lieu { $days } jours après votre confirmation ; d'ici là, vous pouvez l'arrêter. Confirmer : { $confirm }. Pour laisser en plus vos annonces terminées aux statistiques avec leur lieu : { $keep }. Avant cela, vous pouvez récupérer vos données : { $data }.
forget-button-confirm = 🗑 Confirmer l'effacement
forget-button-keep = 🗑 Confirmer, annonces terminées anonymes
forget-button-cancel = ↩️ Annuler l'effacement
forget-confirmed = C'est noté : vos données seront effacées.
forget-confirmed-keep = C'est noté : vos données seront effacées ; vos annonces terminées resteront aux statistiques, anonymes, avec leur lieu.
forget-scheduled = ⏳ Vos données seront effacées le { DATETIME($date, dateStyle: "full") }. Pour garder votre compte : { $cancel }.
forget-nothing-to-cancel = Aucun effacement n'est prévu pour vous. Pour en demander un : { $forget }.
forget-cancelled = ✅ Effacement annulé : vos données restent.
journal-erased = membre effacé
contact-member-erased = Cette personne a quitté le bot et ses données ont été effacées : la conversation est close.
