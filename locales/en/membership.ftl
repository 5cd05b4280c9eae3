## Network membership (validation by the animators) and the territory charter.

button-approve = ✅ Approve
button-refuse = ❌ Refuse
button-approve-name = ✅ Approve { $name }
button-refuse-name = ❌ Refuse { $name }
button-post-offer = 📣 Post an offer
button-post-need = 🔎 Post a need
button-charter-accept = ✅ I accept the charter

membership-request-notice = 🙋 { $name } asks to join the network “{ $network }”.
membership-questions = The network's questions: { $questions }
membership-answers = Answers: { $answers }
membership-no-answers-yet = No answer to the network's questions yet.
membership-no-questions = The network asks new members no questions.
membership-decide-how = To decide: { $approve } or { $refuse } [reason].
membership-request-sent = 🙋 This network, “{ $network }”, validates its new members: your request to join was passed on to its animators. Meanwhile you can read the help and search listings; you can post, contact and save alerts once approved.
membership-answer-how = Answer them with { $introduce } <your answers>.
membership-pending = Your request to join the network “{ $network }” awaits its animators' answer: you can post, contact and save alerts once approved. Meanwhile: { $help }.
membership-refused = Your request to join the network “{ $network }” was refused by its animators: you cannot post, contact or save alerts in this network. To know more, ask them. Help: { $help }.
membership-no-network = This command is about a network: type it in the network's group.
membership-none-pending = No pending request to join the network “{ $network }”.
membership-pending-heading = { $count ->
    [one] One pending request to join “{ $network }”:
   *[other] { $count } pending requests to join “{ $network }”, oldest first:
  }
membership-asked-on = asked on { DATETIME($date, day: "numeric", month: "long") }
membership-request-not-found = I find no request no. { $id }. Pending requests: /requests.
membership-reason-too-long = The reason is too long (500 characters at most).
membership-already-approved = { $name }'s request was already approved{ $by ->
    [none] {""}
   *[other] {" "}(by { $by })
  }.
membership-already-refused = { $name }'s request was already refused{ $by ->
    [none] {""}
   *[other] {" "}(by { $by })
  }.
membership-approved-done = ✅ { $name } is now a member of the network “{ $network }”; I told them.
membership-refused-done = ❌ { $name }'s request refused for the network “{ $network }”; I told them.
membership-approved-notice = ✅ Welcome: your membership of the network “{ $network }” is approved. You can post ({ $offer }) and search ({ $search }).
membership-refused-notice = Your request to join the network “{ $network }” was not accepted by its animators.
membership-reason = Reason: { $reason }
membership-answers-missing = Write your answers after the command.
membership-answers-too-long = Your answers are too long (1,000 characters at most).
membership-nothing-pending = You have no pending request to join here.
membership-answers-saved = ✅ Thank you: your answers were passed on to the animators of the network “{ $network }”.

network-policy-word = Say “validation” or “open”. Example: { $example }
network-policy-set-validation = ✅ Joining by validation: newcomers will wait for an animator's approval (told privately, or see { $requests }). { $count ->
    [0] No current member was carried over.
    [one] The member already active in the network keeps their place.
   *[other] The { $count } members already active in the network keep their place.
  }
network-policy-set-open = ✅ Open joining: everyone can post and search. (Pending requests: { $requests }; { $count } member(s) carried over.)
network-questions-length = The questions must be between { $min } and { $max } characters long (or “no” to ask none).
network-questions-set = ✅ People who ask to join the network will read: “{ $questions }”
network-questions-off = ✅ No more questions to people who ask to join the network.

charter-heading = Charter of the territory { $territory }
charter-default-text = By joining { $territory }, I commit to sharing in good faith what my organisation can offer and what it needs; to favouring cooperation between the territory's actors over competition; to respecting the people I deal with, their data and their time; to posting no disguised advertising and nothing illegal or hurtful; to keeping my listings up to date and closing those that succeeded. The network's animators may take down a listing or refuse a member who does not respect these principles.
charter-before-post = Before your first listing, please read and accept the charter (button below, or { $accept }). Then post again.
charter-how = To accept it: { $accept }.
charter-accepted = ✅ Thank you, the charter is accepted. You can post: { $offer } or { $need }.
charter-accepted-on = You accepted it on { DATETIME($date, dateStyle: "long") }.

cmd-requests-summary = see pending requests to join (animators)
cmd-requests-usage = /requests
cmd-requests-details = In the network's group, or privately for the networks you animate. Buttons approve or refuse.
cmd-approve-summary = approve a request to join (animators)
cmd-approve-usage = /approve <request no.>
cmd-approve-details = The person is told; the decision is recorded in the log (who, when).
cmd-refuse-summary = refuse a request to join (animators)
cmd-refuse-usage = /refuse <request no.> [reason]
cmd-refuse-details = The person is told, with the reason if given; the decision is recorded in the log.
cmd-charter-summary = read and accept the territory charter
cmd-charter-usage = /charter [yes]
cmd-charter-details = The charter is accepted once, before the first listing.
cmd-introduce-summary = answer the questions of a network that validates its members
cmd-introduce-usage = /introduce <your answers>
cmd-introduce-details = Your answers are passed on to the animators with your request to join.
