# Polls: /sondage, /sondages, /voter (commands/polls.ts) and the messages of bot/polls.ts.

cmd-poll-summary = poser une question à tout le réseau, voir les résultats (animation)
cmd-poll-usage = /sondage "question" "réponse 1" "réponse 2" …  ·  /sondage resultats [n°]  ·  /sondage clore <n°>
cmd-poll-details = Le sondage part dans tous les salons du réseau : un vrai sondage sur Telegram et sur Matrix, une liste numérotée ailleurs. Mettez la question puis chaque réponse entre guillemets (de 2 à 10 réponses). Chacun vote une fois, sur la plateforme de son choix ; un nouveau vote remplace le précédent. Les résultats additionnent les votes de toutes les plateformes. Poser et clore un sondage est réservé aux animateurs et animatrices du réseau.
cmd-polls-summary = les sondages du réseau
cmd-polls-usage = /sondages
cmd-polls-details = Les dix derniers sondages du réseau, ouverts ou clos, avec leur numéro.
cmd-vote-summary = voter à un sondage par écrit
cmd-vote-usage = /voter <n° du sondage> <n° de la réponse>
cmd-vote-details = Pour qui ne voit pas le sondage lui-même (une application sans sondages) : par exemple /voter 3 2 choisit la réponse 2 du sondage n°3. Un nouveau vote remplace le précédent.

poll-example = "Quelle date pour l'assemblée ?" "Jeudi 3" "Vendredi 4"
poll-heading = 📊 Sondage n°{ $id } — { $network }, posé par { $author }
poll-vote-how = Pour voter, écrivez { $vote } suivi du numéro de votre réponse, par exemple :{" "}
poll-posted = 📊 Sondage n°{ $id } posé dans { $rooms } salon(s) du réseau. Résultats : { $results } — pour le clore : { $close }
poll-quotes = Mettez la question et chaque réponse entre guillemets, par exemple : { $example }
poll-question-missing = Quelle est la question ? Par exemple : { $example }
poll-question-too-long = La question fait plus de { $questionMax } caractères : raccourcissez-la.
poll-option-empty = La réponse { $n } est vide : écrivez-la entre les guillemets.
poll-option-too-long = La réponse { $n } fait plus de { $optionMax } caractères : raccourcissez-la.
poll-options-too-few = Il faut au moins { $min } réponses, chacune entre guillemets, par exemple : { $example }
poll-options-too-many = Un sondage a au plus { $max } réponses : gardez les principales.
poll-option-duplicate = Deux réponses sont identiques : chaque réponse doit être différente.
poll-no-network = Ce salon n'est lié à aucun réseau : tapez la commande dans le salon de votre réseau (ou liez celui-ci avec { $network }).
poll-number = « { $typed } » n'est pas un numéro de sondage. Les sondages du réseau : { $list }
poll-unknown = Il n'y a pas de sondage n°{ $typed } dans ce réseau. Les sondages du réseau : { $list }
poll-closed = Le sondage n°{ $id } est clos : il ne reçoit plus de votes.
vote-not-member = Votre vote ne compte pas encore : le réseau { $network } valide ses nouveaux membres et votre adhésion n’est pas acceptée. Présentez-vous avec { $introduce } ; un animateur vous répondra.
poll-closed-done = 🔒 Sondage n°{ $id } clos : ses résultats sont postés dans { $rooms } salon(s).
poll-results-heading = 📊 Résultats du sondage n°{ $id } ({ $state ->
    [closed] clos
   *[open] en cours
  })
poll-results-option = { $votes } vote(s), { $percent } %
poll-results-voters = { $voters ->
    [0] Aucun vote pour l'instant.
    [one] 1 votant.
   *[other] { $voters } votants.
  }
poll-results-platforms = Par plateforme : { $platforms }.
polls-none = Aucun sondage dans ce réseau pour l'instant. Les animateurs en posent un avec : { $example }
polls-heading = Les sondages du réseau
polls-line = n°{ $id } — { $question } ({ $state ->
    [closed] clos
   *[open] en cours
  })
polls-hint = Résultats d'un sondage : { $results } <n°>
vote-missing = Indiquez le numéro du sondage puis celui de votre réponse.
vote-option-unknown = Le sondage n°{ $id } a { $count } réponses : choisissez un numéro de 1 à { $count }.
vote-counted = ✅ Votre vote pour « { $option } » au sondage n°{ $id } est enregistré.
