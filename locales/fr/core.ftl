## Messages généraux du bot : erreurs, boutons, champs.

error-internal = Désolé, quelque chose s'est mal passé de notre côté. Votre message n'a rien modifié ; réessayez dans un instant. Si cela se reproduit, prévenez l'animation du réseau.
rate-limited = Doucement : vous avez envoyé beaucoup de commandes en peu de temps. Attendez une minute avant de continuer.
input-too-long = Votre message est trop long ({ $max } caractères au plus). Raccourcissez-le, ou envoyez la description en plusieurs fois avec /modifier.
not-a-command = Je n'ai pas compris. Les commandes commencent par « / », par exemple { $help } pour voir ce que je sais faire.
command-unknown = Je ne connais pas la commande « /{ $name } ». Tapez { $help } pour la liste des commandes.
command-unknown-suggest = Je ne connais pas la commande « /{ $name } ». Vouliez-vous dire { $suggestion } ? Tapez { $help } pour la liste des commandes.
not-allowed-animator = La commande { $command } est réservée aux animateurs et animatrices du réseau de ce salon.
not-allowed-admin = La commande { $command } est réservée aux administrateurs du territoire.
args-invalid = Je n'ai pas compris les informations qui suivent la commande.
usage-label = Syntaxe :
arg-listing-number = Indiquez le numéro de l'annonce, par exemple 42 ou #42.
arg-listing-number-missing = Indiquez le numéro de l'annonce, par exemple 42.
arg-page = Le numéro de page doit être un nombre entier, à partir de 1.
arg-search-number = Le numéro de recherche doit être un nombre entier.
page-empty = Il n'y a rien à la page { $page }.
date-long = { DATETIME($date, dateStyle: "long") }
date-invalid = Je ne comprends pas la date « { $typed } ». Écrivez-la comme 31/12/2026, 31/12 ou 2026-12-31, ou une durée comme 30j, 6sem ou 3mois.
date-past = Cette date est déjà passée ({ DATETIME($date, dateStyle: "long") }). Choisissez une date à venir.
date-too-far = Une annonce dure au plus { $days } jours. Choisissez une date plus proche ; vous pourrez la renouveler ensuite.

button-more = Suivantes ▶
button-previous = ◀ Précédentes
button-skip = Passer
button-cancel = Annuler
button-publish = ✅ Publier
button-renew = 🔁 Renouveler
button-close = ✔️ Clôturer
button-edit = ✏️ Modifier
button-delete = 🗑️ Supprimer
button-delete-confirm = 🗑️ Oui, supprimer définitivement
button-remove = 🚫 Retirer (modération)

field-kind = Type :
field-title = Titre :
field-description = Description :
field-category = Catégorie :
field-place = Lieu :
field-terms = Modalité :
field-until = Jusqu'au :
field-author = Publiée par :
field-status = Statut :
field-unknown = Je ne connais pas le champ « { $typed } ». Champs modifiables : { $valid }.
field-unknown-suggest = Je ne connais pas le champ « { $typed } ». Vouliez-vous dire « { $suggestion } » ? Champs modifiables : { $valid }.

language-current = Je vous parle en { $locale ->
    [fr] français
   *[en] anglais
  }. Pour changer : /langue suivi de { $choices }.
language-set = C'est noté : je vous parlerai désormais en français.
language-unknown = Je ne connais pas la langue « { $typed } ». Langues disponibles : { $choices }.

private-unreachable = { $name }, je n'arrive pas à vous écrire en privé : ouvrez d'abord une discussion avec moi (bouton ci-dessous), puis je vous envoie la suite.
button-open-private = ✉️ Ouvrir la discussion privée
