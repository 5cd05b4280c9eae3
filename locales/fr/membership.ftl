## Adhésion aux réseaux (validation par les animateurs) et charte du territoire.

button-approve = ✅ Accepter
button-refuse = ❌ Refuser
button-approve-name = ✅ Accepter { $name }
button-refuse-name = ❌ Refuser { $name }
button-post-offer = 📣 Publier une offre
button-post-need = 🔎 Publier un besoin
button-charter-accept = ✅ J'accepte la charte

membership-request-notice = 🙋 { $name } demande à rejoindre le réseau « { $network } ».
membership-questions = Questions du réseau : { $questions }
membership-answers = Réponses : { $answers }
membership-no-answers-yet = Pas encore de réponse aux questions du réseau.
membership-no-questions = Le réseau ne pose pas de questions aux nouveaux membres.
membership-decide-how = Pour décider : { $approve } ou { $refuse } [motif].
membership-request-sent = 🙋 Ce réseau, « { $network } », valide ses nouveaux membres : votre demande d'adhésion est transmise à ses animateurs. En attendant, vous pouvez lire l'aide et chercher des annonces ; vous pourrez publier, contacter et créer des alertes une fois accepté(e).
membership-answer-how = Répondez-leur avec { $introduce } <vos réponses>.
membership-pending = Votre demande d'adhésion au réseau « { $network } » attend la réponse de ses animateurs : vous pourrez publier, contacter et créer des alertes une fois accepté(e). En attendant : { $help }.
membership-refused = Votre demande d'adhésion au réseau « { $network } » a été refusée par ses animateurs : vous ne pouvez pas publier, contacter ni créer d'alertes dans ce réseau. Pour en savoir plus, adressez-vous à eux. Aide : { $help }.
membership-no-network = Cette commande concerne un réseau : tapez-la dans le groupe du réseau.
membership-none-pending = Aucune demande d'adhésion en attente pour le réseau « { $network } ».
membership-pending-heading = { $count ->
    [one] Une demande d'adhésion en attente pour « { $network } » :
   *[other] { $count } demandes d'adhésion en attente pour « { $network } », les plus anciennes d'abord :
  }
membership-asked-on = demandée le { DATETIME($date, day: "numeric", month: "long") }
membership-request-not-found = Je ne trouve pas de demande d'adhésion n°{ $id }. Les demandes en attente : /demandes.
membership-reason-too-long = Le motif est trop long (500 caractères au plus).
membership-already-approved = La demande de { $name } a déjà été acceptée{ $by ->
    [none] {""}
   *[other] {" "}(par { $by })
  }.
membership-already-refused = La demande de { $name } a déjà été refusée{ $by ->
    [none] {""}
   *[other] {" "}(par { $by })
  }.
membership-approved-done = ✅ { $name } fait maintenant partie du réseau « { $network } » ; je l'en ai averti(e).
membership-refused-done = ❌ Demande de { $name } refusée pour le réseau « { $network } » ; je l'en ai averti(e).
membership-approved-notice = ✅ Bienvenue : votre adhésion au réseau « { $network } » est acceptée. Vous pouvez publier ({ $offer }) et chercher ({ $search }).
membership-refused-notice = Votre demande d'adhésion au réseau « { $network } » n'a pas été acceptée par ses animateurs.
membership-reason = Motif : { $reason }
membership-answers-missing = Écrivez vos réponses après la commande.
membership-answers-too-long = Vos réponses sont trop longues (1 000 caractères au plus).
membership-nothing-pending = Vous n'avez pas de demande d'adhésion en attente ici.
membership-answers-saved = ✅ Merci : vos réponses sont transmises aux animateurs du réseau « { $network } ».

network-policy-word = Dites « validation » ou « ouverte ». Exemple : { $example }
network-policy-set-validation = ✅ Adhésion sur validation : les nouveaux venus attendront l'accord d'un animateur (prévenu en privé, ou voir { $requests }). { $count ->
    [0] Aucun membre actuel n'a été repris.
    [one] Le membre déjà actif dans le réseau garde sa place.
   *[other] Les { $count } membres déjà actifs dans le réseau gardent leur place.
  }
network-policy-set-open = ✅ Adhésion ouverte : chacun peut publier et chercher. (Demandes en attente : { $requests } ; { $count } membre(s) repris.)
network-questions-length = Les questions doivent faire entre { $min } et { $max } caractères (ou « non » pour n'en poser aucune).
network-questions-set = ✅ Les personnes qui demandent à rejoindre le réseau liront : « { $questions } »
network-questions-off = ✅ Plus de questions aux personnes qui demandent à rejoindre le réseau.

charter-heading = Charte du territoire { $territory }
charter-default-text = En rejoignant { $territory }, je m'engage à partager de bonne foi ce que ma structure peut offrir et ce dont elle a besoin ; à privilégier la coopération entre acteurs du territoire plutôt que la concurrence ; à respecter les personnes avec qui j'échange, leurs données et leur temps ; à ne publier ni publicité déguisée ni contenu illégal ou blessant ; à tenir mes annonces à jour et à clôturer celles qui ont abouti. Les animateurs du réseau peuvent retirer une annonce ou refuser un membre qui ne respecte pas ces principes.
charter-before-post = Avant votre première annonce, merci de lire et d'accepter la charte (bouton ci-dessous, ou { $accept }). Puis recommencez votre publication.
charter-how = Pour l'accepter : { $accept }.
charter-accepted = ✅ Merci, la charte est acceptée. Vous pouvez publier : { $offer } ou { $need }.
charter-accepted-on = Vous l'avez acceptée le { DATETIME($date, dateStyle: "long") }.

cmd-requests-summary = voir les demandes d'adhésion en attente (animateurs)
cmd-requests-usage = /demandes
cmd-requests-details = Dans le groupe du réseau, ou en privé pour les réseaux que vous animez. Des boutons permettent d'accepter ou de refuser.
cmd-approve-summary = accepter une demande d'adhésion (animateurs)
cmd-approve-usage = /accepter <n° de demande>
cmd-approve-details = La personne en est avertie ; la décision est inscrite au journal (qui, quand).
cmd-refuse-summary = refuser une demande d'adhésion (animateurs)
cmd-refuse-usage = /refuser <n° de demande> [motif]
cmd-refuse-details = La personne en est avertie, avec le motif s'il est donné ; la décision est inscrite au journal.
cmd-charter-summary = lire et accepter la charte du territoire
cmd-charter-usage = /charte [oui]
cmd-charter-details = La charte est acceptée une fois, avant la première annonce.
cmd-introduce-summary = répondre aux questions d'un réseau qui valide ses membres
cmd-introduce-usage = /presenter <vos réponses>
cmd-introduce-details = Vos réponses sont transmises aux animateurs avec votre demande d'adhésion.
