# Polls: /poll, /polls, /vote (commands/polls.ts) and the messages of bot/polls.ts.

cmd-poll-summary = ask the whole network a question, see the results (animators)
cmd-poll-usage = /poll "question" "answer 1" "answer 2" …  ·  /poll results [no.]  ·  /poll close <no.>
cmd-poll-details = The poll goes to every room of the network: a real poll on Telegram and on Matrix, a numbered list elsewhere. Put the question, then each answer, between quotes (2 to 10 answers). Everyone votes once, on the platform of their choice; a new vote replaces the previous one. The results add up the votes of every platform. Asking and closing a poll is for the network's animators.
cmd-polls-summary = the network's polls
cmd-polls-usage = /polls
cmd-polls-details = The network's last ten polls, open or closed, with their numbers.
cmd-vote-summary = vote in a poll by text
cmd-vote-usage = /vote <poll no.> <answer no.>
cmd-vote-details = For those who cannot see the poll itself (an app without polls): for example /vote 3 2 chooses answer 2 of poll no. 3. A new vote replaces the previous one.

poll-example = "Which date for the general meeting?" "Thursday 3" "Friday 4"
poll-heading = 📊 Poll no. { $id } — { $network }, asked by { $author }
poll-vote-how = To vote, write { $vote } followed by the number of your answer, for example:{" "}
poll-posted = 📊 Poll no. { $id } posted in { $rooms } room(s) of the network. Results: { $results } — to close it: { $close }
poll-quotes = Put the question and each answer between quotes, for example: { $example }
poll-question-missing = What is the question? For example: { $example }
poll-question-too-long = The question is longer than { $questionMax } characters: shorten it.
poll-option-empty = Answer { $n } is empty: write it between the quotes.
poll-option-too-long = Answer { $n } is longer than { $optionMax } characters: shorten it.
poll-options-too-few = A poll needs at least { $min } answers, each between quotes, for example: { $example }
poll-options-too-many = A poll has at most { $max } answers: keep the main ones.
poll-option-duplicate = Two answers are the same: each answer must be different.
poll-no-network = This room is not bound to a network: type the command in your network's room (or bind this one with { $network }).
poll-number = "{ $typed }" is not a poll number. The network's polls: { $list }
poll-unknown = There is no poll no. { $typed } in this network. The network's polls: { $list }
poll-closed = Poll no. { $id } is closed: it takes no more votes.
vote-not-member = Your vote does not count yet: the network { $network } validates its new members and your membership is not accepted. Introduce yourself with { $introduce }; an animator will answer.
poll-closed-done = 🔒 Poll no. { $id } closed: its results are posted in { $rooms } room(s).
poll-results-heading = 📊 Results of poll no. { $id } ({ $state ->
    [closed] closed
   *[open] open
  })
poll-results-option = { $votes } vote(s), { $percent }%
poll-results-voters = { $voters ->
    [0] No votes yet.
    [one] 1 voter.
   *[other] { $voters } voters.
  }
poll-results-platforms = By platform: { $platforms }.
polls-none = No polls in this network yet. Animators ask one with: { $example }
polls-heading = The network's polls
polls-line = no. { $id } — { $question } ({ $state ->
    [closed] closed
   *[open] open
  })
polls-hint = Results of a poll: { $results } <no.>
vote-missing = Give the poll's number, then your answer's.
vote-option-unknown = Poll no. { $id } has { $count } answers: choose a number from 1 to { $count }.
vote-counted = ✅ Your vote for "{ $option }" in poll no. { $id } is recorded.
