## Mode console : une discussion locale dans le terminal.

console-welcome = Bienvenue dans SoliTERR en mode console. Vous êtes { $member }, dans le salon #{ $room }. Tapez /aide pour les commandes du bot, :help pour celles de la console.
console-help = Commandes de la console :
    :as <nom>            jouer un autre membre (créé à son premier message)
    :animator on|off     être animateur ou non dans le salon courant
    :room <nom>          aller dans un autre salon de groupe
    :dm                  aller dans la discussion privée avec le bot
    :time <date ISO>     avancer l'horloge du bot (ou :time +3d, +2h, +30m) et lancer les tâches dues
    :quit                quitter
    Un nombre seul touche le bouton correspondant du dernier message affiché ici.
console-failed = Ce message n'a pas pu être traité (voir le journal soliterr.log) ; il n'a rien modifié.
console-unknown = Commande de console inconnue « :{ $command } ». Tapez :help.
console-as-usage = Indiquez un nom : :as Ana
console-as-done = Vous êtes maintenant { $member }.
console-animator-on = { $member } est animateur du salon #{ $room }.
console-animator-off = { $member } n'est plus animateur du salon #{ $room }.
console-room-usage = Indiquez un salon : :room lourdes
console-room-done = Vous êtes dans le salon #{ $room }.
console-dm-done = Vous êtes dans la discussion privée de { $member } avec le bot.
console-time-usage = Indiquez une date (:time 2026-12-24T08:00) ou une durée (:time +3d, +2h, +30m).
console-time-past = L'horloge du bot ne recule pas.
console-time-done = Horloge du bot : { DATETIME($date, dateStyle: "full", timeStyle: "short") }.
console-prompt-private = privé
console-to-here-room = ici, salon #{ $room }
console-to-here-private = ici, en privé
console-to-room = vers le salon #{ $room }
console-to-private = en privé à { $member }
console-offer-demo = La base est vide. Charger le territoire de démonstration (Tarbes et alentours) ? [O/n]
console-demo-loaded = Territoire de démonstration chargé : { $count } annonces.
console-demo-not-empty = La base contient déjà des données : le territoire de démonstration n'est pas chargé.
console-pinned = 📌 (message épinglé dans le salon #{ $room })
console-file = 📎 { $name } : { $path }
