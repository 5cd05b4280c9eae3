## Contact entre membres par le bot : messages relayés, conversations, coordonnées, blocage, signalement.

button-contact = ✉️ Contacter l'auteur
button-contact-id = ✉️ Contacter #{ $id }
button-report = ⚠️ Signaler
button-messages = 💬 Mes conversations
button-reply = ↩️ Répondre
button-reply-thread = ↩️ Répondre (n°{ $thread })
button-share-contact = 🤝 Partager mes coordonnées
button-share-accept = 🤝 Oui, partager les miennes aussi
button-block = 🚫 Bloquer
button-unblock = Débloquer
button-outcome-promised = 🤝 Promis
button-outcome-given = ✅ Donné
button-outcome-received = ✅ Reçu

outcome-promised = promise

listing-contacts = { $count ->
    [one] Une personne a contacté l'auteur.
   *[other] { $count } personnes ont contacté l'auteur.
  }

contact-member-number = Membre n°{ $id }
contact-continue-private = { $name }, je vous écris en privé pour votre message.
contact-ask-text = Votre message pour l'auteur de l'annonce #{ $id } « { $title } » ? Écrivez-le ici : je le lui transmets en privé, avec votre nom et votre structure, sans votre identifiant.
contact-ask-reply = Votre réponse à { $name } (conversation n°{ $thread }) ? Écrivez-la ici.
contact-sent = ✅ Message transmis en privé à { $name }, l'auteur de l'annonce #{ $id } (conversation n°{ $thread }). Sa réponse vous arrivera en privé. Votre identifiant n'est pas communiqué.
contact-author-unreachable = { $name } n'a pas encore ouvert de discussion privée avec le bot : votre message lui sera remis dès qu'il ou elle le fera.
contact-reply-sent = ✅ Réponse transmise à { $name } (conversation n°{ $thread }).
contact-incoming = ✉️ { $from } vous écrit au sujet de votre annonce #{ $id } « { $title } » :
contact-incoming-reply = ✉️ { $from } vous répond au sujet de l'annonce #{ $id } « { $title } » :
contact-incoming-how = Pour répondre : { $reply } <votre message> (conversation n°{ $thread }). Vos identifiants restent cachés tant que vous ne choisissez pas tous les deux de les partager.
contact-own-listing = L'annonce #{ $id } est la vôtre : pas besoin de vous écrire ! Pour la gérer : les boutons sous l'annonce.
contact-listing-not-open = L'annonce #{ $id } n'est plus ouverte : son auteur ne reçoit plus de messages à son sujet. Cherchez-en d'autres avec /chercher.
contact-blocked = Ce message ne peut pas être transmis : cette personne ne souhaite pas recevoir de messages de votre part.
contact-daily-limit = Vous avez déjà ouvert { $max } conversations ces dernières 24 heures, le maximum fixé par le territoire. Vous pourrez en ouvrir d'autres demain ; vos conversations en cours continuent (/messages).
contact-messages-limit = Vous avez envoyé { $max } messages ces dernières 24 heures, le maximum fixé par le territoire. Réessayez demain.
contact-message-too-long = Votre message est trop long (au plus { $max } caractères). Raccourcissez-le ou envoyez-le en deux fois.
contact-thread-not-found = Je ne trouve pas de conversation n°{ $id } à laquelle vous participez. Vos conversations : { $messages }.
contact-no-threads = Vous n'avez encore aucune conversation. Trouvez une annonce avec { $search }, puis contactez son auteur avec le bouton sous l'annonce.
contact-threads-heading = { $count ->
    [one] Votre conversation :
   *[other] Vos { $count } conversations, les plus récentes d'abord :
  }
contact-thread-number = n°{ $thread }
contact-thread-you-wrote = vous avez écrit à { $name } au sujet de #{ $id } « { $title } »
contact-thread-wrote-you = { $name } vous a écrit au sujet de #{ $id } « { $title } »
contact-thread-last = dernier message reçu le { DATETIME($date, day: "numeric", month: "long") } : « { $text } »
contact-thread-last-mine = vous avez écrit le { DATETIME($date, day: "numeric", month: "long") } : « { $text } »
contact-threads-how = Pour répondre : { $reply } <numéro> <votre message>.
contact-share-offered = 🤝 { $name } propose d'échanger vos coordonnées (conversation n°{ $thread }). Les siennes ne vous seront montrées que si vous acceptez de partager les vôtres.
contact-share-how = Pour accepter : { $share }. Sinon, ne faites rien : la conversation continue par le bot.
contact-share-waiting = C'est noté. Vos coordonnées ne seront données à { $name } que s'il ou elle accepte aussi de partager les siennes (conversation n°{ $thread }).
contact-shared = 🤝 Vous avez tous deux accepté de partager vos coordonnées (conversation n°{ $thread }). Voici celles de { $name } :
contact-handle-matrix = Sur Matrix :
contact-handle-telegram-username = Sur Telegram :
contact-handle-telegram = Sur Telegram : identifiant { $id } (cherchez-le, ou écrivez-lui depuis tg://user?id={ $id }).
contact-handle-other = Sur { $platform } : { $id }
contact-conclude-author-only = Seul l'auteur de l'annonce #{ $id } peut en enregistrer l'issue.
contact-conclude-which = Quelle issue pour l'annonce #{ $id } avec { $name } ?
contact-concluded = ✅ Annonce #{ $id } clôturée : { $outcome } (avec { $name }). Merci, cela nourrit les statistiques du réseau.
contact-concluded-notice = { $name } a clôturé l'annonce #{ $id } « { $title } » à la suite de votre échange : { $outcome }.
contact-blocked-done = 🚫 { $name } ne peut plus vous écrire par le bot (conversation n°{ $thread }). Cette personne n'en est pas avertie.
contact-unblocked-done = { $name } peut de nouveau vous écrire par le bot (conversation n°{ $thread }).

report-ask-reason = Pourquoi signalez-vous l'annonce #{ $id } ? Écrivez : { $example }
report-reason-missing = Dites en quelques mots pourquoi vous signalez (au moins 3 caractères).
report-reason-too-long = Le motif est trop long (500 caractères au plus).
report-own = L'annonce #{ $id } est la vôtre : pour la retirer, clôturez-la ou supprimez-la.
report-notice-listing = ⚠️ { $reporter } signale l'annonce #{ $id } « { $title } » de { $name } (réseau { $network }).
report-notice-message = ⚠️ { $reporter } signale des messages de { $name } reçus au sujet de l'annonce #{ $id } « { $title } » (réseau { $network }).
report-notice-reason = Motif : { $reason }
report-notice-quoted = Dernier message reçu : « { $text } »
report-done = ✅ Merci : votre signalement a été transmis aux animateurs du réseau, qui décideront de la suite.
report-done-logged = ✅ Merci : votre signalement est enregistré au journal du territoire ; les animateurs le verront.

cmd-contact-summary = écrire à l'auteur d'une annonce, sans donner votre identifiant
cmd-contact-usage = /contacter <numéro> <votre message>
cmd-contact-details = Exemple : /contacter 42 Bonjour, la camionnette est-elle libre samedi ? Le message est transmis en privé par le bot, avec votre nom et votre structure, jamais votre identifiant Telegram ou Matrix. Sans message, je vous le demande.
cmd-reply-summary = répondre dans une conversation
cmd-reply-usage = /repondre <n° de conversation> <votre message>
cmd-reply-details = Le numéro figure sur chaque message relayé et dans /messages. La conversation continue d'une plateforme à l'autre (Telegram, Matrix).
cmd-messages-summary = voir mes conversations en cours
cmd-messages-usage = /messages
cmd-messages-details = Les plus récentes d'abord, avec le dernier message.
cmd-share-summary = proposer d'échanger nos coordonnées
cmd-share-usage = /partager_contact <n° de conversation>
cmd-share-details = Vos identifiants ne sont révélés que lorsque vous avez accepté tous les deux.
cmd-conclude-summary = enregistrer l'issue d'un échange (promis, donné, reçu)
cmd-conclude-usage = /conclure <n° de conversation> <promis|donne|recu>
cmd-conclude-details = Réservé à l'auteur de l'annonce : l'annonce est clôturée avec cette issue, et l'autre personne en est avertie.
cmd-block-summary = empêcher quelqu'un de m'écrire par le bot
cmd-block-usage = /bloquer <n° de conversation>
cmd-block-details = La personne n'en est pas avertie ; ses messages ne vous sont plus transmis. /debloquer pour revenir en arrière.
cmd-unblock-summary = lever un blocage
cmd-unblock-usage = /debloquer <n° de conversation>
cmd-unblock-details = La personne peut de nouveau vous écrire par le bot.
cmd-report-summary = signaler une annonce ou des messages aux animateurs
cmd-report-usage = /signaler <numéro d'annonce> <motif>  ·  /signaler message <n° de conversation> <motif>
cmd-report-details = Les animateurs du réseau de l'annonce sont prévenus en privé ; le signalement est inscrit au journal.
