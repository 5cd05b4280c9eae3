## Recherche.

search-words = « { $words } »
search-everything = toutes les annonces
search-status-closed = clôturées
search-status-expired = expirées
search-status-all = tous statuts
search-heading = 🔎 { $criteria } — page { $page }
search-order-recent = Ordre : les plus récentes d'abord.
search-order-relevance = Ordre : d'abord les annonces dont le titre contient tous vos mots, puis celles où ils sont dans la description ; les plus récentes d'abord dans chaque groupe.
search-show-hint = Pour voir une annonce en détail : { $show }.
search-none = Aucune annonce ne correspond à : { $criteria }. Essayez avec moins de mots, un lieu plus large (le département, par exemple) ou sans catégorie.
search-none-open = Aucune annonce ouverte ne correspond à : { $criteria }. Essayez avec moins de mots, un lieu plus large, ou ajoutez statut:toutes pour voir aussi les annonces closes.
search-no-more = Il n'y a pas d'autres résultats pour : { $criteria }.
search-expired = Je ne retrouve pas cette recherche. Relancez-la avec { $search }.
search-category-one-only = Une seule catégorie par recherche : j'ai gardé #{ $used }.
search-sent-private = { $name }, les résultats tiennent sur plusieurs pages : je vous les envoie en privé.
