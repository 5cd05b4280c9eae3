# Broadcasts: /diffuser, /diffusions, /abonner, /desabonner (commands/broadcast.ts) and the
# messages and reports of bot/broadcasts.ts.

cmd-broadcast-summary = diffuser un message dans tous les salons du réseau (animation)
cmd-broadcast-usage = /diffuser [le <date> <heure>] <message>
cmd-broadcast-details = Le message part dans tous les salons du réseau, sur Telegram comme sur Matrix. Vous recevez d'abord un aperçu en privé : vous pouvez l'épingler, l'envoyer aussi en privé aux membres abonnés (/abonner), puis le confirmer ou l'annuler. « le 01/12/2026 09:00 » le programme. Les administrateurs du territoire peuvent écrire « partout » pour tous les réseaux. Vous recevez ensuite un rapport : salons atteints, échecs et pourquoi.
cmd-broadcasts-summary = voir, confirmer ou annuler mes diffusions
cmd-broadcasts-usage = /diffusions  ·  /diffusions envoyer|annuler|epingler|membres <n°>
cmd-broadcasts-details = Les diffusions programmées d'abord, puis les dernières envoyées ou annulées.
cmd-subscribe-summary = recevoir aussi en privé les diffusions du réseau
cmd-subscribe-usage = /abonner
cmd-subscribe-details = À taper dans le salon du réseau (ou en privé : le dernier réseau où vous avez écrit).
cmd-unsubscribe-summary = ne plus recevoir les diffusions en privé
cmd-unsubscribe-usage = /desabonner
cmd-unsubscribe-details = Les diffusions restent visibles dans les salons du réseau.

broadcast-heading = 📣 { $network } — message de { $author }
broadcast-example = Assemblée générale jeudi à 18h à la CCI, venez nombreux !
broadcast-example-scheduled = le 01/12/2026 09:00 Assemblée générale jeudi à 18h
broadcast-text-missing = Quel message diffuser ? Par exemple : { $example }
broadcast-text-too-long = Ce message fait { $length } caractères ; une diffusion en compte { $max } au plus. Raccourcissez-le, ou mettez le détail dans une annonce.
broadcast-time-missing = À quelle heure ? Donnez la date puis l'heure, par exemple : { $example }
broadcast-time-past = Le { DATETIME($date, dateStyle: "full", timeStyle: "short") } est déjà passé : choisissez un moment à venir.
broadcast-time-too-far = Une diffusion se programme au plus { $days } jours à l'avance.
broadcast-everywhere-admin = Seuls les administrateurs du territoire peuvent diffuser « partout ». Pour votre réseau, tapez /diffuser dans son salon.
broadcast-no-network = Ce salon n'est lié à aucun réseau : tapez /diffuser dans le salon de votre réseau (ou liez celui-ci avec { $network }).
broadcast-no-rooms = Ce réseau n'a aucun salon où le bot est présent : rien à diffuser.
broadcast-limit = Vous avez déjà envoyé ou programmé { $limit } diffusions ces dernières 24 heures, le maximum. Réessayez demain.
broadcast-everywhere = à tous les réseaux du territoire ({ $count })
broadcast-network = au réseau « { $network } »
broadcast-rooms = { $count ->
    [one] 1 salon
   *[other] { $count } salons
  } ({ $platforms })
broadcast-preview-heading = Aperçu de la diffusion n°{ $id }
broadcast-preview-targets = Elle partira { $where } : { $rooms }, et { $subscribers ->
    [0] aucun membre abonné
    [one] 1 membre abonné
   *[other] { $subscribers } membres abonnés
  } (en privé, si vous le choisissez).
broadcast-preview-scheduled = Programmée le { DATETIME($date, dateStyle: "full", timeStyle: "short") }.
broadcast-preview-below = Voici ce que les membres liront :
broadcast-preview-options = Épinglée : { $pin ->
    [yes] oui
   *[no] non
  } · aussi en privé aux abonnés : { $members ->
    [yes] oui
   *[no] non
  }. Confirmez ou annulez avec les boutons ci-dessous.
button-broadcast-send = ✅ Envoyer
button-broadcast-schedule = ✅ Programmer
button-broadcast-cancel = ✖ Annuler
button-broadcast-pin = 📌 Épingler : { $pin ->
    [yes] oui
   *[no] non
  }
button-broadcast-members = ✉️ Abonnés en privé : { $members ->
    [yes] oui
   *[no] non
  }
broadcast-unknown = Je ne trouve pas de diffusion n°{ $typed }. Voyez les vôtres avec { $list }.
broadcast-not-yours = La diffusion n°{ $id } n'est pas la vôtre : seuls son auteur ou un administrateur du territoire peuvent la modifier.
broadcast-action-unknown = « { $typed } » : je connais envoyer, annuler, epingler et membres, par exemple { $example }.
broadcast-already-scheduled = La diffusion n°{ $id } est déjà programmée.
broadcast-already-sending = La diffusion n°{ $id } est déjà partie.
broadcast-already-sent = La diffusion n°{ $id } est déjà partie.
broadcast-already-cancelled = La diffusion n°{ $id } a été annulée.
broadcast-already-draft = La diffusion n°{ $id } n'est pas encore confirmée.
broadcast-scheduled = 🗓 Diffusion n°{ $id } programmée le { DATETIME($date, dateStyle: "full", timeStyle: "short") }. Pour l'annuler d'ici là : { $cancel }
broadcast-sent = 📣 Diffusion n°{ $id } en route vers { $rooms ->
    [one] 1 salon
   *[other] { $rooms } salons
  }{ $members ->
    [0] {""}
    [one] {" "}et 1 membre
   *[other] {" "}et { $members } membres
  }. Je vous envoie le rapport dès que tout est parti.
broadcast-cancelled = Diffusion n°{ $id } annulée : rien n'a été envoyé.
broadcasts-none = Aucune diffusion pour le moment. Dans le salon de votre réseau : { $broadcast } <message>
broadcasts-heading = Vos diffusions
broadcasts-cancel-hint = Pour annuler une diffusion programmée : { $cancel }
broadcast-all-networks = tous les réseaux
broadcast-line = n°{ $id } · { $state ->
    [scheduled] programmée le
    [sending] en cours d'envoi depuis le
    [sent] envoyée le
   *[cancelled] annulée le
  } { DATETIME($date, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit") } · { $network } · « { $excerpt } »
broadcast-report-heading = 📊 Rapport de la diffusion n°{ $id }
broadcast-report-rooms = Salons atteints : { $reached } sur { $total }.
broadcast-report-failures = Non atteints :
broadcast-report-unreachable = injoignable (n'a jamais ouvert la discussion privée, ou a bloqué le bot)
broadcast-report-pinned = Épinglée dans { $pinned } salon(s) sur { $total }.
broadcast-report-members = En privé : { $reached } membre(s) sur { $total }{ $unreachable ->
    [0] {""}
   *[other] {" "}({ $unreachable } injoignable(s) pour l'instant : ils la recevront à leur retour)
  }.
subscribe-no-network = Tapez /abonner dans le salon du réseau dont vous voulez recevoir les diffusions.
subscribed = ✉️ Vous recevrez aussi en privé les diffusions du réseau « { $network } ». Pour arrêter : { $stop }
subscribed-already = Vous recevez déjà en privé les diffusions du réseau « { $network } ». Pour arrêter : { $stop }
unsubscribed = Vous ne recevrez plus en privé les diffusions du réseau « { $network } » (elles restent dans ses salons). Pour reprendre : { $start }
unsubscribed-already = Vous ne receviez pas les diffusions du réseau « { $network } » en privé. Pour les recevoir : { $start }
