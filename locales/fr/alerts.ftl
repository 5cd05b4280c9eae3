## Alertes, résumés et rapprochements entre besoins et offres.

alert-criteria-placeholder = <critères>
alert-saved = 🔔 Alerte n°{ $number } enregistrée :
alert-saved-next = Les nouvelles annonces qui y correspondent vous seront envoyées { $rhythm }. Pour changer : { $digest }.
alert-exists = Vous avez déjà cette alerte (n°{ $number }). Vos alertes : { $alerts }.
alert-too-many = Vous avez déjà { $max } alertes, le maximum. Supprimez-en une d'abord (voir { $alerts }).
alert-paused = ⏸ Alerte n°{ $number } en pause : elle ne vous enverra plus rien jusqu'à sa reprise. Vos alertes : { $alerts }.
alert-resumed = ▶️ Alerte n°{ $number } reprise. Vos alertes : { $alerts }.
alert-deleted = 🗑️ Alerte n°{ $number } supprimée.
alert-number-unknown = Vous n'avez pas d'alerte n°{ $typed } : vous en avez { $count }. Voir { $alerts }.
alert-everything-confirm = Une alerte sans aucun critère vous enverrait toutes les nouvelles annonces du territoire : { $count ->
    [0] aucune
    [one] une
   *[other] { $count }
  } la semaine dernière. La confirmer ? Ou précisez plutôt, par exemple : { $example }
button-alert-everything = 🔔 Oui, tout m'envoyer
alerts-none = Vous n'avez pas encore d'alerte. Pour en créer une : { $alert }, avec les mêmes critères que /chercher.
alerts-heading = Vos alertes ({ $count }) :
alert-paused-label = en pause
alerts-rhythm = Elles vous sont envoyées { $rhythm }.
alerts-hint = Pour gérer une alerte : { $pause } (ou reprise), { $remove }. Pour changer le rythme : { $digest }.
rhythm-daily = chaque jour à { $time }
rhythm-weekly = chaque { $day } à { $time }
rhythm-immediate = dans la minute qui suit leur publication
rhythm-never = jamais (résumés arrêtés)
rhythm-none = chaque jour à 08:00 (par défaut)
weekday-1 = lundi
weekday-2 = mardi
weekday-3 = mercredi
weekday-4 = jeudi
weekday-5 = vendredi
weekday-6 = samedi
weekday-7 = dimanche
digest-current = Vos résumés arrivent { $rhythm }. Prochain : { DATETIME($next, dateStyle: "full", timeStyle: "short") }.
digest-how = Pour changer : quotidien, hebdomadaire, immediat ou jamais, avec l'heure et le jour si vous voulez, par exemple { $example }.
digest-word-unknown = Je ne comprends pas « { $typed } ». Rythmes : { $rhythms } ; une heure (08:00, 18h30) ; un jour (lundi…).
digest-set = C'est noté : vos résumés arriveront { $rhythm }.
digest-next = Prochain résumé : { DATETIME($next, dateStyle: "full", timeStyle: "short") }.
digest-never-next = Vous ne recevrez plus de résumé ; vos alertes restent enregistrées.

digest-heading = 📬 { $count ->
    [one] Une nouvelle annonce pour vous
   *[other] { $count } nouvelles annonces pour vous
  } — { DATETIME($date, day: "numeric", month: "long") }
digest-because-alert = alerte n°{ $number }
digest-because-match = répond à votre annonce #{ $id }
digest-more = … et { $count ->
    [one] une autre
   *[other] { $count } autres
  } (bouton « Tout voir »).
digest-hint = Pour voir une annonce : { $show }. Vos alertes : { $alerts }.
button-show = Voir #{ $id }
button-pause-alert = ⏸ Pause alerte n°{ $number }
button-full-list = Tout voir
button-save-alert = 🔔 Créer une alerte

listing-counterparts-need = 🤝 { $count ->
    [one] Un besoin correspond
   *[other] { $count } besoins correspondent
  } à votre offre #{ $id } (même catégorie, lieux proches, mots en commun) ; leurs auteurs en seront prévenus :
listing-counterparts-offer = 🤝 { $count ->
    [one] Une offre correspond
   *[other] { $count } offres correspondent
  } à votre besoin #{ $id } (même catégorie, lieux proches, mots en commun) ; leurs auteurs en seront prévenus :
listing-reminder = ⏳ Votre annonce #{ $id } « { $title } » arrive à échéance le { DATETIME($date, dateStyle: "long") }. Toujours d'actualité ? Renouvelez-la, ou clôturez-la si elle a abouti. Sans réponse, elle expirera.

summary-heading = 📰 Réseau « { $network } » : { $count ->
    [one] une nouvelle annonce
   *[other] { $count } nouvelles annonces
  }
summary-more = … et { $count ->
    [one] une autre
   *[other] { $count } autres
  } : { $search } pour tout voir.
summary-hint = Pour voir une annonce en détail : { $show }.
network-summary-set = 📰 Chaque jour à { $time }, je posterai ici les nouvelles annonces du réseau (s'il y en a).
network-summary-off = Le résumé quotidien du réseau est arrêté.
network-summary-time = Indiquez une heure (18:00) ou « non » pour arrêter : { $example }

help-matching = Rapprochements, sans algorithme caché : quand une annonce est publiée, je cherche les annonces ouvertes du type opposé de la même catégorie, dans des lieux qui se recouvrent, avec au moins un mot important du titre en commun ; leurs auteurs sont prévenus dans leur résumé. Une alerte retient les nouvelles annonces que la même recherche trouverait.

cmd-alert-summary = recevoir les nouvelles annonces d'une recherche
cmd-alert-usage = /alerte [mots] [type:offre|besoin] [#catégorie] [lieu:…] [modalite:…]  ·  /alerte pause|reprise|suppr <n°>
cmd-alert-details = Mêmes critères que /chercher : les nouvelles annonces qui y correspondent arrivent dans votre résumé (chaque jour à 08:00 par défaut, voir /digest). Sous les résultats d'une recherche, le bouton « Créer une alerte » fait la même chose.
cmd-alerts-summary = voir mes alertes
cmd-alerts-usage = /alertes
cmd-alerts-details = Vos alertes numérotées, et le rythme de vos résumés.
cmd-digest-summary = choisir quand je reçois mes résumés
cmd-digest-usage = /digest [quotidien|hebdomadaire|immediat|jamais] [HH:MM] [jour]
cmd-digest-details = Exemples : /digest quotidien 07:30 — /digest hebdomadaire 18:00 vendredi — /digest immediat. Un seul message par période, et rien quand rien ne correspond. Après une interruption du service, un seul résumé de rattrapage.
