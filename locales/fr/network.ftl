## Salons et réseaux.

room-welcome-unbound = Bonjour ! Je suis le bot SoliTERR de { $territory } : je relaie les offres et les besoins entre les structures du territoire. Un administrateur de ce groupe peut le relier à un réseau avec { $bind }. Pour tout le reste : { $help }.
room-welcome-back = Me revoilà ! Ce groupe reste relié à son réseau. Pour les commandes : { $help }.
network-name-placeholder = <nom du réseau>
network-none = Ce salon n'est relié à aucun réseau. Un animateur ou administrateur du groupe peut le relier avec { $bind }.
network-heading = Réseau « { $name } »
network-rooms = { $count ->
    [one] Un salon :
   *[other] { $count } salons :
  }
network-policy-open = Adhésion ouverte : chacun peut publier et chercher.
network-policy-validation = Adhésion sur validation : les animateurs approuvent les nouveaux membres.
network-created = ✅ Réseau « { $name } » créé, et ce salon y est relié.
network-joined = ✅ Ce salon est maintenant relié au réseau « { $name } ».
network-already = Ce salon est déjà relié au réseau « { $name } ».
network-next = Les annonces publiées ici appartiennent désormais à ce réseau. Pour commencer : { $offer } ou { $search }.
network-name-length = Le nom du réseau doit faire entre { $min } et { $max } caractères.
network-not-in-private = Cette commande se tape dans le groupe du réseau, pas en privé.

start-welcome = Bonjour { $name }, bienvenue sur SoliTERR — { $territory } !
start-next = Ici, nous pouvons parler en privé : publier une offre ({ $offer }) ou un besoin ({ $need }), chercher ({ $search }), ou voir toutes les commandes ({ $help }).

cmd-network-summary = voir le réseau de ce salon, ou l'y relier (animateurs)
cmd-network-usage = /reseau [nom du réseau]  ·  /reseau lier [code]  ·  /reseau resume <HH:MM|non>  ·  /reseau adhesion <validation|ouverte>  ·  /reseau questions <texte|non>
cmd-network-details = Sans nom : affiche le réseau du salon. Avec un nom (animateurs et administrateurs du groupe) : crée ce réseau et y relie le salon. Pour relier un autre salon (Telegram ou Matrix) à un réseau existant : « /reseau lier » dans un salon du réseau donne un code à usage unique, à taper dans l'autre salon avec « /reseau lier <code> ». Les annonces publiées dans le salon appartiennent à son réseau. Avec « resume 18:00 », je poste chaque jour à cette heure les nouvelles annonces du réseau dans ses salons (« resume non » pour arrêter). « adhesion validation » : les nouveaux venus attendent l'accord d'un animateur avant de publier, contacter ou créer des alertes (les membres déjà actifs gardent leur place) ; « questions » : ce que l'on demande aux nouveaux venus.
cmd-start-summary = commencer une discussion privée avec le bot
cmd-start-usage = /start
cmd-start-details = Les liens « ouvrir la discussion privée » envoient cette commande, parfois suivie de l'action à reprendre.
room-encrypted-unsupported = Ce salon est chiffré de bout en bout, et cette installation de SoliTERR ne sait pas lire les messages chiffrés : je ne verrai pas vos commandes ici. Pour m'utiliser, créez un salon non chiffré pour le réseau, ou demandez à la personne qui gère le bot d'installer le module de chiffrement et d'activer MATRIX_ENCRYPTION.
network-link-word = lier
network-exists-link = Le réseau « { $name } » existe déjà. Pour y relier ce salon, un de ses animateurs tape { $link } dans un salon du réseau : il reçoit un code à usage unique, à taper ici.
network-link-unbound = Ce salon n'est relié à aucun réseau : créez-le d'abord avec { $bind }, ou tapez ici le code reçu d'un animateur.
network-link-code = Code pour relier un autre salon au réseau « { $name } » : { $code }
network-link-how = Dans l'autre salon, un de ses animateurs tape : { $telegram } (sur Matrix : { $matrix }). Le code sert une fois, jusqu'au { DATETIME($expires, dateStyle: "full", timeStyle: "short") }. Ne le communiquez qu'à des personnes de confiance.
network-link-invalid = Le code « { $typed } » n'existe pas ou a expiré. Demandez-en un nouveau à un animateur du réseau (/reseau lier dans un de ses salons).
network-link-used = Le code « { $typed } » a déjà servi. Demandez-en un nouveau à un animateur du réseau.
network-link-done = ✅ Ce salon rejoint le réseau « { $name } », qui compte maintenant { $count ->
    [one] 1 salon
   *[other] { $count } salons
  } :
network-link-done-notice = ✅ Le salon { $room } a rejoint le réseau « { $name } » avec votre code.
