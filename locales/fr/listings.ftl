## Annonces : types, catégories, modalités, publication et gestion.

kind-offer = Offre
kind-need = Besoin
kind-offer-plural = offres
kind-need-plural = besoins
kind-unknown = Je ne connais pas le type « { $typed } ». Types : { $valid }.
kind-unknown-suggest = Je ne connais pas le type « { $typed } ». Vouliez-vous dire « { $suggestion } » ? Types : { $valid }.

category-vehicles = Véhicules et transport
category-premises = Locaux et espaces
category-equipment = Équipements et outils
category-materials = Matériaux et fournitures (surplus, emballages)
category-skills = Compétences et mécénat de compétences
category-services = Services (maintenance, logistique, conciergerie)
category-staff = Personnel et temps
category-food = Alimentation et circuits courts
category-projects = Projets communs et achats groupés
category-other = Autre
category-unknown = Je ne connais pas la catégorie « { $typed } ». Catégories : { $valid }.
category-unknown-suggest = Je ne connais pas la catégorie « { $typed } ». Vouliez-vous dire #{ $suggestion } ? Catégories : { $valid }.
category-one-only = Une seule catégorie par annonce : j'ai gardé #{ $used }.

terms-gift = Don
terms-loan = Prêt
terms-exchange = Échange
terms-sale = Vente
terms-pooling = Mutualisation
terms-sponsorship = Mécénat
terms-unknown = Je ne connais pas la modalité « { $typed } ». Modalités : { $valid }.
terms-unknown-suggest = Je ne connais pas la modalité « { $typed } ». Vouliez-vous dire « { $suggestion } » ? Modalités : { $valid }.

outcome-given = donnée
outcome-received = reçue
outcome-withdrawn = retirée par son auteur
outcome-done = réalisée
outcome-unknown = Je ne connais pas l'issue « { $typed } ». Issues possibles : { $valid }.
outcome-unknown-suggest = Je ne connais pas l'issue « { $typed } ». Vouliez-vous dire « { $suggestion } » ? Issues possibles : { $valid }.

status-open = ouverte
status-closed = clôturée
status-closed-with = clôturée, { $outcome }
status-expired = expirée
status-removed = retirée par l'animation
status-unknown = Je ne connais pas le statut « { $typed } ». Statuts : { $valid }.
status-unknown-suggest = Je ne connais pas le statut « { $typed } ». Vouliez-vous dire « { $suggestion } » ? Statuts : { $valid }.

place-unknown = Je ne trouve pas le lieu « { $typed } ». Indiquez une commune (Tarbes), un code postal (65000), un numéro ou un nom de département (65, Hautes-Pyrénées), une intercommunalité ou une région.
place-unknown-suggest = Je ne trouve pas le lieu « { $typed } ». Vouliez-vous dire : { $suggestions } ?
place-ambiguous = Plusieurs lieux correspondent à « { $typed } » : { $candidates }. Précisez avec le département ou le code postal, par exemple { $example }.

listing-line-details = { $kind } · { $place } · { DATETIME($date, day: "numeric", month: "short") }
listing-dates = Publiée le { DATETIME($created, dateStyle: "long") } · jusqu'au { DATETIME($expires, dateStyle: "long") }
author-unknown = (membre parti)
listing-not-found = Il n'y a pas d'annonce #{ $id }. Vérifiez le numéro, ou cherchez avec /chercher.
listing-not-yours = L'annonce #{ $id } n'est pas la vôtre : seule la personne qui l'a publiée peut la modifier.
listing-is-closed = L'annonce #{ $id } est clôturée : elle ne peut plus changer. Publiez-en une nouvelle si besoin.
listing-is-removed = L'annonce #{ $id } a été retirée par l'animation du réseau.
listing-removed-public = L'annonce #{ $id } a été retirée par l'animation du réseau.
listing-removal-reason = Motif du retrait : { $reason }
listing-title-length = Le titre doit faire entre { $min } et { $max } caractères.
listing-description-length = La description fait au plus { $max } caractères.
listing-published-offer = ✅ Votre offre #{ $id } est publiée.
listing-published-need = ✅ Votre besoin #{ $id } est publié.
listing-published-next = Elle reste visible jusqu'au { DATETIME($expires, dateStyle: "long") }. Pour la revoir : { $show } ; toutes vos annonces : { $mine }.
listing-expired-notice = Votre annonce #{ $id } « { $title } » est arrivée à échéance et n'apparaît plus dans les recherches. Toujours d'actualité ? { $renew } la remet en ligne.

post-title-required = Le titre est nécessaire : c'est lui que les autres membres verront en premier.
post-progress = Étape { $step }/{ $steps }.
post-ask-title-offer = Que proposez-vous ? Donnez un titre court (une ligne, { $max } caractères au plus), par exemple « Prêt de camionnette 12 m³ le week-end ».
post-ask-title-need = De quoi avez-vous besoin ? Donnez un titre court (une ligne, { $max } caractères au plus), par exemple « Fournisseur de fruits rouges bio ».
post-ask-description = Décrivez-le en quelques lignes : quantités, disponibilités, conditions ({ $max } caractères au plus). Ou passez cette étape.
post-ask-category = Dans quelle catégorie ? Touchez un bouton ou tapez son nom.
post-ask-place = Où ? Une commune (Tarbes), un code postal (65000), un département (65), une intercommunalité (CA Tarbes-Lourdes-Pyrénées) ou une région.
post-ask-terms = À quelles conditions ? Choisissez une modalité, ou passez.
post-ask-until = Jusqu'à quand l'annonce reste-t-elle valable ? Une date (31/12/2026) ou une durée (30j, 6sem). Passez pour { $days } jours.
post-ask-confirm = Voici votre annonce. La publier ?
post-confirm-change = Pour corriger un champ, tapez son nom (titre, description, catégorie, lieu, modalité, échéance).
post-confirm-unclear = Répondez « oui » pour publier, ou tapez le nom du champ à corriger.
post-until-default = dans { $days } jours (par défaut)
post-continue-private = { $name }, je vous écris en privé pour compléter votre annonce.
draft-cancelled = Brouillon abandonné. Rien n'a été publié.
draft-none = Vous n'avez pas d'annonce en cours de rédaction.

mine-none = Vous n'avez encore publié aucune annonce. Pour commencer : { $offer } ou { $need }.
mine-heading = Vos annonces ({ $all }), dont { $open ->
    [0] aucune ouverte
    [one] une ouverte
   *[other] { $open } ouvertes
  }
mine-hint = Pour voir le détail d'une annonce et la gérer : { $show }.

edit-which-field = Quel champ de l'annonce #{ $id } voulez-vous modifier ? Titre, description, catégorie, lieu, modalité ou échéance.
edit-example = { $command } lieu Lourdes
edit-value-missing = Indiquez la nouvelle valeur du champ « { $field } ».
edit-done = ✏️ Annonce #{ $id } modifiée.

renew-done = 🔁 L'annonce #{ $id } est prolongée jusqu'au { DATETIME($date, dateStyle: "long") }.
close-which-outcome = Comment s'est terminée l'annonce #{ $id } ?
close-done = ✔️ L'annonce #{ $id } est clôturée : { $outcome }. Merci d'avoir partagé !
delete-confirm = Supprimer définitivement l'annonce #{ $id } « { $title } » ? Cela ne peut pas être annulé. Si elle a abouti, préférez { $close }, qui garde la trace de l'échange.
delete-done = 🗑️ L'annonce #{ $id } est supprimée.

remove-done = 🚫 L'annonce #{ $id } est retirée. Son auteur est prévenu, et l'action est inscrite au journal.
remove-not-your-network = L'annonce #{ $id } n'appartient pas au réseau de ce salon : seuls ses animateurs ou un administrateur du territoire peuvent la retirer.
remove-reason-missing = Indiquez le motif du retrait (3 caractères au moins) : il sera transmis à l'auteur.
remove-reason-too-long = Le motif fait au plus { $max } caractères.
remove-author-notice = Votre annonce #{ $id } « { $title } » a été retirée par l'animation du réseau. Motif : { $reason }. Pour en parler, répondez à l'animation dans le salon du réseau.
