## Structures (organisations) et annuaire.

structure-type-company = Entreprise
structure-type-association = Association
structure-type-public = Collectivité ou organisme public
structure-type-independent = Indépendant
structure-type-other = Autre
structure-type-unknown = Je ne connais pas le type « { $typed } ». Types : { $valid }.
structure-type-unknown-suggest = Je ne connais pas le type « { $typed } ». Vouliez-vous dire « { $suggestion } » ? Types : { $valid }.

structure-word-create = creer
structure-word-edit = modifier
structure-word-invite = inviter
structure-word-join = rejoindre
structure-word-leave = quitter
structure-word-team = equipe

button-structure-create = 🏢 Créer ma structure
button-structure-invite = ✉️ Inviter un collègue
button-structure-team = 👥 L'équipe
button-structure-show = Voir { $name }

structure-field-type = Type :
structure-field-sector = Secteur :
structure-field-commune = Commune :
structure-field-website = Site :
structure-field-contact = Contact :
structure-field-required = Cette information est nécessaire.

structure-continue-private = { $name }, je vous écris en privé pour créer votre structure pas à pas.
structure-ask-name = Quel est le nom de votre structure ?
structure-ask-type = Quel type de structure ?
structure-ask-sector = Quel est son secteur d'activité ? Tapez la lettre de la section (par exemple C) ou un mot (« restauration », « construction »…).
structure-ask-commune = Dans quelle commune est-elle ? (nom ou code postal)
structure-ask-description = Décrivez-la en quelques lignes : ce qu'elle fait, ce qu'elle peut partager.
structure-ask-website = Son site web ?
structure-ask-contact = Un contact public (adresse e-mail ou téléphone que la structure accepte de publier) ?
structure-ask-last = Dernière question. Jusqu'ici :

structure-name-length = Le nom doit faire entre { $min } et { $max } caractères.
structure-commune-only = « { $typed } » n'est pas une commune : donnez la commune de la structure (nom ou code postal).
structure-sector-unknown = Je ne trouve pas de secteur « { $typed } ». Tapez la lettre de la section (A à U) ou un mot de son intitulé.
structure-sector-ambiguous = « { $typed } » correspond à plusieurs secteurs : { $candidates }. Tapez la lettre de celui qui convient.
structure-website-invalid = « { $typed } » ne ressemble pas à une adresse de site web (par exemple boulangerie-dupont.fr).
structure-description-length = La description est trop longue ({ $max } caractères au plus).
structure-contact-length = Le contact est trop long ({ $max } caractères au plus).

structure-created = ✅ La structure « { $name } » est créée, et vous en êtes administrateur ou administratrice.
structure-created-next = Vos prochaines annonces seront publiées en son nom. Pour inviter un collègue : { $invite }. Pour publier : { $offer }.
structure-already = Vous agissez déjà pour « { $name } ». Pour créer une autre structure, quittez d'abord celle-ci : { $leave }.
structure-none = Vous n'agissez encore pour aucune structure. Créez la vôtre avec { $create }, ou rejoignez-en une avec le code qu'un collègue vous donne.
structure-not-found = Il n'y a pas de structure n°{ $id }. Cherchez dans l'annuaire : /annuaire.
structure-action-unknown = Je ne connais pas l'action « { $typed } ».
structure-admins-only = Seuls les administrateurs de « { $name } » peuvent faire cela.
structure-team-size = { $count ->
    [one] Une personne agit pour cette structure.
   *[other] { $count } personnes agissent pour cette structure.
  }
structure-open-listings = { $count ->
    [0] Aucune annonce ouverte.
    [one] Une annonce ouverte :
   *[other] { $count } annonces ouvertes :
  }
structure-edit-usage = Dites quel champ modifier : nom, type, secteur, commune, description, site ou contact. Exemple : { $example }
structure-edit-example = site boulangerie-dupont.fr
structure-edited = ✅ « { $name } » est à jour.
structure-invite-created = ✉️ Voici un code à usage unique pour qu'un collègue rejoigne « { $name } » (valable { $days } jours). Il ou elle n'a qu'à taper :
structure-invite-private = Je vous envoie le code d'invitation en privé.
structure-join-code-missing = Tapez le code que votre collègue vous a donné, après la commande.
structure-join-code-invalid = Le code { $code } n'est pas valable : il a peut-être déjà servi ou expiré. Demandez-en un nouveau à votre collègue.
structure-joined = ✅ Vous agissez maintenant pour « { $name } » : vos annonces seront publiées en son nom.
structure-joined-notice = { $name } a rejoint votre structure « { $structure } ».
structure-team-heading = L'équipe de « { $name } » ({ $count }) :
structure-role-admin = administrateur
structure-team-how = Pour nommer un autre administrateur : { $admin }
structure-not-a-colleague = « { $id } » n'est pas un numéro de votre équipe. Voir l'équipe : { $team }
structure-admin-notice = Vous êtes maintenant administrateur ou administratrice de « { $name } ».
structure-admin-done = ✅ { $name } est maintenant administrateur ou administratrice de la structure.
structure-last-admin = Vous êtes le dernier administrateur de « { $name } » : nommez-en un autre avant de partir ({ $admin }).
structure-left = Vous n'agissez plus pour « { $name } ». Vos annonces déjà publiées restent à son nom.

listing-structure-option = Je n'ai pas compris structure:{ $typed }. Tapez structure:non pour publier en votre nom seul, ou rien pour publier au nom de votre structure.

directory-heading = { $count ->
    [one] Une structure, les plus récentes d'abord :
   *[other] { $count } structures, les plus récentes d'abord :
  }
directory-none = Aucune structure ne correspond. Essayez d'autres mots, un secteur ou un lieu plus large — ou inscrivez la vôtre avec { $create }.
directory-how = Pour voir une structure et ses annonces ouvertes : { $profile }
directory-more = D'autres structures correspondent : précisez avec des mots, secteur:… ou lieu:…. Pour voir une structure : { $profile }

cmd-structure-summary = voir, créer ou gérer ma structure ; voir celle d'un autre
cmd-structure-usage = /structure [creer | modifier <champ> <valeur> | inviter | rejoindre <code> | equipe | admin <n°> | quitter | <n°>]
cmd-structure-details = Seule : votre structure. « creer » vous guide pas à pas (nom, type, secteur, commune, description, site, contact). « inviter » donne un code à usage unique à transmettre à un collègue, qui tape « /structure rejoindre <code> ». Vos annonces sont publiées au nom de votre structure.
cmd-directory-summary = chercher dans l'annuaire des structures
cmd-directory-usage = /annuaire [mots] [secteur:<lettre ou mot>] [lieu:…]
cmd-directory-details = Exemples : /annuaire boulangerie — /annuaire secteur:I lieu:65. Les plus récentes d'abord ; les mots sont cherchés dans le nom et la description.
