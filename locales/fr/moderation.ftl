# Moderation by the network's animators: mutes, reports to review, moderated posting.

## Naming a person (commands/member-ref.ts)
member-ref-example = @pseudo, #42 (l'auteur de l'annonce 42) ou n°12 (le numéro de membre des listes)
member-ref-missing = De qui s'agit-il ? Désignez la personne par { $example }.
member-ref-ambiguous = « { $typed } » peut désigner plusieurs personnes : { $numbers }. Désignez-la par son numéro (n°…).
member-ref-unknown = Je ne trouve personne désigné par « { $typed } ». Désignez la personne par { $example }.

## Mutes
mute-example = /sourdine @pseudo 7j motif (durées : 12h, 3j, 2sem, 1mois)
mute-active = 🔇 Vous êtes en sourdine dans le réseau « { $network } » jusqu'au { DATETIME($date, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit") } (motif : { $reason }) : vous ne pouvez ni publier, ni contacter, ni diffuser dans ce réseau d'ici là. Vous pouvez toujours chercher et lire les annonces.
moderation-no-network = Cette commande agit sur un réseau : tapez-la dans le salon du réseau (ou en privé après y avoir écrit).
mute-duration = Indiquez la durée de la sourdine (un an au plus). Exemple : { $example }
mute-reason-too-long = Le motif fait au plus 500 caractères.
mute-self = Vous ne pouvez pas vous mettre vous-même en sourdine.
mute-moderator = { $name } anime ce réseau (ou administre le territoire) : une sourdine ne s'applique pas à l'animation. Parlez-en entre animateurs.
mute-notice = 🔇 L'animation du réseau « { $network } » vous a mis en sourdine jusqu'au { DATETIME($date, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit") }.
mute-notice-reason = Motif : { $reason }
mute-notice-next = D'ici là, vous ne pouvez ni publier, ni contacter, ni diffuser dans ce réseau ; vous pouvez toujours chercher et lire. La décision est inscrite à votre journal : { $journal }
mute-done = 🔇 { $name } est en sourdine dans le réseau « { $network } » jusqu'au { DATETIME($date, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit") }. La personne est prévenue en privé, et la décision est inscrite au journal.
mute-none = { $name } n'est pas en sourdine dans le réseau « { $network } ».
unmute-notice = 🔊 Votre sourdine dans le réseau « { $network } » est levée : vous pouvez de nouveau publier et contacter.
unmute-done = 🔊 La sourdine de { $name } dans le réseau « { $network } » est levée. La personne est prévenue.
mute-none-active = Personne n'est en sourdine dans le réseau « { $network } ».
mute-how = Pour mettre quelqu'un en sourdine : { $example }
mute-list-heading = 🔇 { $count ->
    [one] Une personne en sourdine
   *[other] { $count } personnes en sourdine
  } dans le réseau « { $network } » :
mute-until = jusqu'au { DATETIME($date, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit") }
mute-reason = motif : { $reason }
button-unmute = 🔊 Lever la sourdine de { $name }

## Reports to review (/signalements)
button-reports = 📋 Signalements
button-report-remove = 🚫 Retirer l'annonce #{ $id }
button-report-mute = 🔇 Sourdine 7 jours
button-report-dismiss = 🗂 Classer n°{ $number }
report-not-found = Je ne trouve pas de signalement n°{ $id }. Les signalements ouverts : { $list }
report-already-handled = Le signalement n°{ $id } est déjà traité par { $by } ({ $outcome ->
    [removed] annonce retirée
    [muted] personne mise en sourdine
   *[other] classé
  }).
report-no-listing = Le signalement n°{ $id } porte sur des messages, pas sur une annonce : mettez la personne en sourdine ou classez-le.
report-no-one-to-mute = Le signalement n°{ $id } ne désigne personne à mettre en sourdine.
report-dismissed = 🗂 Signalement n°{ $id } classé, sans suite. C'est inscrit au journal.
reports-line-listing = annonce #{ $id } « { $title } » de { $name }, signalée par { $reporter } — motif : { $reason }
reports-line-message = messages de { $name } (conversation n°{ $thread }, annonce #{ $id } « { $title } »), signalés par { $reporter } — motif : { $reason }
reports-none = ✅ Aucun signalement ouvert ({ $title }).
reports-heading = 📋 Signalements ouverts — { $title } : { $count }
reports-how = Pour agir : { $example } [motif] ; ou « sourdine <n°> 7j », « classer <n°> [motif] ». Les plus récents d'abord.
reports-example-word = retirer

## Moderated posting
button-approve-listing = ✅ Publier #{ $id }
button-reject = ❌ Refuser #{ $id }
review-notice = 📝 { $name } a proposé l'annonce #{ $id } dans le réseau « { $network } » : elle attend votre validation.
review-how = Pour la publier : { $publish } ; pour la refuser : { $reject } <motif>.
review-already-approved = L'annonce #{ $id } a déjà été validée par { $by } : elle est publiée sous le n° #{ $newId }.
review-not-pending = L'annonce #{ $id } n'attend pas de validation.
review-approved-notice = ✅ Votre annonce « { $title } » est validée par l'animation du réseau « { $network } » : elle est publiée sous le n° #{ $id }.
review-approved = ✅ Annonce publiée sous le n° #{ $id } (proposée sous le n° #{ $submitted }). Son auteur est prévenu.
review-ask-reason = Pourquoi refuser l'annonce #{ $id } ? Son auteur recevra le motif. Écrivez : { $example }
review-rejected-notice = ❌ Votre annonce « { $title } » n'a pas été validée par l'animation du réseau « { $network } ».
review-rejected = ❌ Annonce #{ $id } refusée. Son auteur est prévenu du motif.
review-queue-empty = ✅ Aucune annonce n'attend de validation ({ $where }).
review-queue-heading = 📝 { $count ->
    [one] Une annonce attend
   *[other] { $count } annonces attendent
  } une validation — { $where } (les plus anciennes d'abord) :
review-still-waiting = { $count ->
    [one] Une annonce attend encore
   *[other] { $count } annonces attendent encore
  } une décision : { $queue }
network-moderation-word = Dites « oui » ou « non ». Exemple : { $example }
network-moderation-on = 📝 Publication modérée dans le réseau « { $network } » : les nouvelles annonces attendront la validation d'un animateur (les vôtres sont publiées directement).
network-moderation-off = Publication libre dans le réseau « { $network } » : les nouvelles annonces sont publiées aussitôt.
network-moderation-shown-on = Publication : modérée (les nouvelles annonces attendent la validation d'un animateur).
network-moderation-shown-off = Publication : libre.
network-animators = { $count ->
    [one] Animation :
   *[other] Animation ({ $count }) :
  } { $names }
network-animators-none = Animation : personne encore (les administrateurs du salon sont reconnus dès qu'ils utilisent le bot).
listing-pending-offer = ⏳ Votre offre #{ $id } est enregistrée : elle attend la validation de l'animation du réseau.
listing-pending-need = ⏳ Votre besoin #{ $id } est enregistré : il attend la validation de l'animation du réseau.
listing-pending-next = Personne d'autre ne la voit d'ici là ; vous serez prévenu(e) de la décision. Pour la revoir : { $show } ; toutes vos annonces : { $mine }.
listing-is-pending = L'annonce #{ $id } attend la validation de l'animation : vous pouvez la modifier ou la supprimer, mais pas encore la renouveler ni la clôturer.
status-pending = en attente de validation

## The journal
journal-listing-approved = a validé l'annonce #{ $listing } (proposée sous le n° #{ $submitted })
journal-listing-rejected = a refusé l'annonce #{ $listing } (motif : { $reason })
journal-listing-reported = a signalé l'annonce #{ $listing } (motif : { $reason })
journal-message-reported = a signalé des messages au sujet de l'annonce #{ $listing } (motif : { $reason })
journal-member-muted = a mis { $subject } en sourdine jusqu'au { DATETIME($date, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit") }{ $reason ->
    [none] {""}
   *[other] {" "}(motif : { $reason })
  }
journal-member-muted-erased = a mis { $subject } en sourdine
journal-member-unmuted = a levé la sourdine de { $subject }
journal-network-moderation = a mis la publication { $moderation ->
    [on] en mode modéré
   *[other] en mode libre
  }
journal-report-dismissed = a classé le signalement n°{ $report } ({ $subject })

## Help
cmd-reports-summary = les signalements à traiter (animation)
cmd-reports-usage = /signalements [page]  ·  /signalements retirer|sourdine|classer <n°> [durée] [motif]
cmd-reports-details = Les signalements ouverts du réseau, avec boutons : retirer l'annonce, mettre son auteur en sourdine, classer. Les administrateurs du territoire voient tous les réseaux.
cmd-mute-summary = mettre un membre en sourdine dans le réseau (animation)
cmd-mute-usage = /sourdine [@membre|#annonce|n° durée [motif]]  ·  /sourdine lever <membre>
cmd-mute-details = Pendant la durée choisie (12h, 7j, 2sem, 1mois), la personne ne peut ni publier, ni contacter, ni diffuser dans le réseau. Elle est prévenue en privé. /sourdine seul liste les sourdines en cours.
cmd-unmute-summary = lever une sourdine (animation)
cmd-unmute-usage = /finsourdine <membre>
cmd-unmute-details = La personne est prévenue, et c'est inscrit au journal.
cmd-queue-summary = les annonces qui attendent une validation (animation)
cmd-queue-usage = /amoderer
cmd-queue-details = Quand la publication est modérée (/reseau moderation oui), les nouvelles annonces attendent ici, les plus anciennes d'abord.
cmd-publish-summary = valider une annonce en attente (animation)
cmd-publish-usage = /approuver <numéro>
cmd-publish-details = L'annonce est publiée comme si elle venait d'être postée (avec un nouveau numéro) ; son auteur est prévenu.
cmd-reject-summary = refuser une annonce en attente (animation)
cmd-reject-usage = /rejeter <numéro> <motif>
cmd-reject-details = Son auteur est prévenu du motif, et c'est inscrit au journal.
