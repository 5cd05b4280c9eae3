# /stats (commands/stats.ts).

stats-network = Réseau « { $name } »
stats-territory = Territoire { $name }
stats-heading = 📊 { $name } — du { DATETIME($from, dateStyle: "long") } au { DATETIME($to, dateStyle: "long") }
stats-posted = { $count ->
    [0] Aucune annonce publiée
    [one] 1 annonce publiée
   *[other] { $count } annonces publiées
  }
stats-by-kind = { $offers ->
    [one] 1 offre
   *[other] { $offers } offres
  }, { $needs ->
    [one] 1 besoin
   *[other] { $needs } besoins
  }
stats-matches = Rapprochements besoin–offre trouvés : { $count }
stats-ended = { $count ->
    [0] Aucune annonce terminée
   *[other] Annonces terminées : { $list }
  }
stats-ended-one = { $count } { $how ->
    [given] données
    [received] reçues
    [done] réalisées
    [withdrawn] retirées par leur auteur
    [expired] expirées
   *[removed] retirées par l'animation
  }
stats-active = Membres actifs : { $count }
stats-chart-title = Annonces publiées par semaine — { $name }
stats-chart-week = Semaine du
stats-chart-listings = Annonces
stats-csv = Les chiffres, pour un tableur :
stats-period-invalid = Je ne comprends pas la période « { $typed } ». Par exemple : { $examples }.
stats-no-network = Tapez /stats dans le salon de votre réseau.
stats-territory-admin = Les chiffres de tout le territoire sont réservés à ses administrateurs ; dans le salon de votre réseau, /stats donne ceux du réseau.
stats-chart-week-of = { DATETIME($date, day: "numeric", month: "short") }
stats-contacts = Mises en relation par le bot : { $count }
stats-structures = Structures ayant publié : { $count }
