## Aide : générée à partir des déclarations de commandes.

help-title = { $territory ->
    [SoliTERR] SoliTERR
   *[other] SoliTERR — { $territory }
  }
help-intro = Je relaie les offres et les besoins des structures du territoire : véhicules, locaux, matériel, compétences, surplus, circuits courts… Les commandes commencent par « / » (ou « ! » sur Matrix).
help-section-post = Publier
help-section-find = Trouver
help-section-contact = Contacter et coopérer
help-section-manage = Gérer mes annonces
help-section-moderate = Animer le réseau
help-section-account = Mon compte
help-ordering = Ordre des résultats, sans algorithme caché : les plus récentes d'abord ; avec des mots-clés, d'abord les annonces dont le titre contient tous les mots, puis celles où ils sont dans la description, les plus récentes d'abord dans chaque groupe. La recherche ignore les accents et les majuscules, trouve le début des mots (camion → camionnette) et les pluriels en s ou x. Un lieu englobe tout ce qu'il contient : lieu:65 trouve toutes les communes des Hautes-Pyrénées.
help-more = Pour l'aide d'une commande : { $example }
help-also = Autres noms : { $names }
help-access-animator = Réservée aux animateurs du réseau du salon (et aux administrateurs du territoire).
help-access-admin = Réservée aux administrateurs du territoire.
help-unknown = Je ne connais pas la commande « { $typed } ». Tapez { $help } pour la liste.

cmd-offer-summary = publier une offre (ce que vous proposez)
cmd-offer-usage = /offre <titre> [— description] #catégorie lieu:<commune, code postal, département…> [modalite:don|pret|echange|vente|mutualisation|mecenat] [jusqu:<date>]
cmd-offer-details = Exemple : /offre Prêt de camionnette 12 m³ le week-end #vehicules lieu:Tarbes modalite:pret. Tapée seule, /offre vous guide pas à pas. Ce qui manque ou n'est pas compris vous est demandé ensuite. Sans date, l'annonce dure le nombre de jours fixé par le territoire. Si vous agissez pour une structure, l'annonce est publiée en son nom ; avec structure:non, en votre nom seul.
cmd-need-summary = publier un besoin (ce que vous cherchez)
cmd-need-usage = /besoin <titre> [— description] #catégorie lieu:<commune, code postal, département…> [modalite:…] [jusqu:<date>]
cmd-need-details = Exemple : /besoin Fournisseur de fruits rouges bio, 200 kg/semaine #alimentation lieu:65. Tapée seule, /besoin vous guide pas à pas.
cmd-cancel-summary = abandonner l'annonce en cours de rédaction
cmd-cancel-usage = /annuler
cmd-cancel-details = Le brouillon est effacé ; rien n'est publié.
cmd-skip-summary = passer une question facultative
cmd-skip-usage = /passer
cmd-skip-details = Pendant la rédaction guidée, passe la question en cours si elle est facultative.
cmd-search-summary = chercher des annonces
cmd-search-usage = /chercher [mots] [type:offre|besoin] [#catégorie] [lieu:…] [modalite:…] [statut:ouvertes|closes|expirees|toutes]
cmd-search-details = Exemples : /chercher camionnette lieu:65 — /chercher #alimentation type:besoin lieu:"CA Tarbes-Lourdes-Pyrénées". Tous les filtres se combinent. Sans statut, seules les annonces ouvertes sont montrées. Résultats par pages de 10.
cmd-more-summary = voir la page suivante d'une recherche
cmd-more-usage = /plus [numéro de recherche] [page]
cmd-more-details = Sans argument, affiche la page suivante de votre dernière recherche.
cmd-show-summary = voir une annonce en détail
cmd-show-usage = /annonce <numéro>
cmd-show-details = Exemple : /annonce 42. Les boutons sous l'annonce permettent de la gérer si elle est à vous.
cmd-mine-summary = voir mes annonces
cmd-mine-usage = /mesannonces [page]
cmd-mine-details = Vos annonces ouvertes d'abord, puis les autres, des plus récentes aux plus anciennes.
cmd-edit-summary = modifier un champ d'une de mes annonces
cmd-edit-usage = /modifier <numéro> <titre|description|categorie|lieu|modalite|echeance> <nouvelle valeur>
cmd-edit-details = Exemples : /modifier 42 lieu Lourdes — /modifier 42 echeance 31/12/2026 — /modifier 42 titre Prêt de minibus.
cmd-renew-summary = prolonger une de mes annonces
cmd-renew-usage = /renouveler <numéro> [date]
cmd-renew-details = Sans date, l'annonce est prolongée du nombre de jours fixé par le territoire. Une annonce expirée est remise en ligne.
cmd-close-summary = clôturer une de mes annonces, avec son issue
cmd-close-usage = /cloturer <numéro> [donne|recu|retire|realise]
cmd-close-details = L'issue (donnée, reçue, retirée, réalisée) alimente les statistiques du réseau. Sans issue, je vous la demande.
cmd-delete-summary = supprimer définitivement une de mes annonces
cmd-delete-usage = /supprimer <numéro>
cmd-delete-details = Une confirmation vous est demandée. Si l'échange a eu lieu, préférez /cloturer.
cmd-remove-summary = retirer une annonce abusive (modération)
cmd-remove-usage = /retirer <numéro> <motif>
cmd-remove-details = L'auteur est prévenu du motif, et l'action est inscrite au journal du réseau.
cmd-language-summary = choisir ma langue (fr, en)
cmd-language-usage = /langue <fr|en>
cmd-language-details = Je vous répondrai désormais dans cette langue, sur toutes les plateformes.
cmd-help-summary = cette aide
cmd-help-usage = /aide [commande]
cmd-help-details = Exemple : /aide chercher.
