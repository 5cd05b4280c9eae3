## Contact between members through the bot: relayed messages, conversations, handles, blocking, reports.

button-contact = ✉️ Contact the author
button-contact-id = ✉️ Contact #{ $id }
button-report = ⚠️ Report
button-messages = 💬 My conversations
button-reply = ↩️ Reply
button-reply-thread = ↩️ Reply (no. { $thread })
button-share-contact = 🤝 Share my contact details
button-share-accept = 🤝 Yes, share mine too
button-block = 🚫 Block
button-unblock = Unblock
button-outcome-promised = 🤝 Promised
button-outcome-given = ✅ Given
button-outcome-received = ✅ Received

outcome-promised = promised

listing-contacts = { $count ->
    [one] One person contacted the author.
   *[other] { $count } people contacted the author.
  }

contact-member-number = Member no. { $id }
contact-continue-private = { $name }, I am writing to you privately for your message.
contact-ask-text = Your message for the author of listing #{ $id } “{ $title }”? Write it here: I pass it on privately, with your name and your organisation, without your handle.
contact-ask-reply = Your answer to { $name } (conversation no. { $thread })? Write it here.
contact-sent = ✅ Message passed on privately to { $name }, the author of listing #{ $id } (conversation no. { $thread }). Their answer will reach you privately. Your handle is not shared.
contact-author-unreachable = { $name } has not opened a private chat with the bot yet: your message will reach them as soon as they do.
contact-reply-sent = ✅ Answer passed on to { $name } (conversation no. { $thread }).
contact-incoming = ✉️ { $from } writes to you about your listing #{ $id } “{ $title }”:
contact-incoming-reply = ✉️ { $from } answers you about listing #{ $id } “{ $title }”:
contact-incoming-how = To answer: { $reply } <your message> (conversation no. { $thread }). Your handles stay hidden unless you both choose to share them.
contact-own-listing = Listing #{ $id } is yours: no need to write to yourself! To manage it, use the buttons under the listing.
contact-listing-not-open = Listing #{ $id } is no longer open: its author no longer receives messages about it. Find others with /search.
contact-blocked = This message cannot be passed on: this person does not wish to receive messages from you.
contact-daily-limit = You already opened { $max } conversations in the last 24 hours, the most the territory allows. You can open others tomorrow; your current conversations go on (/messages).
contact-messages-limit = You sent { $max } messages in the last 24 hours, the most the territory allows. Try again tomorrow.
contact-message-too-long = Your message is too long (at most { $max } characters). Shorten it or send it in two parts.
contact-thread-not-found = I find no conversation no. { $id } that you take part in. Your conversations: { $messages }.
contact-no-threads = You have no conversation yet. Find a listing with { $search }, then contact its author with the button under the listing.
contact-threads-heading = { $count ->
    [one] Your conversation:
   *[other] Your { $count } conversations, most recent first:
  }
contact-thread-number = no. { $thread }
contact-thread-you-wrote = you wrote to { $name } about #{ $id } “{ $title }”
contact-thread-wrote-you = { $name } wrote to you about #{ $id } “{ $title }”
contact-thread-last = last message received on { DATETIME($date, day: "numeric", month: "long") }: “{ $text }”
contact-thread-last-mine = you wrote on { DATETIME($date, day: "numeric", month: "long") }: “{ $text }”
contact-threads-how = To answer: { $reply } <number> <your message>.
contact-share-offered = 🤝 { $name } offers to exchange contact details (conversation no. { $thread }). Theirs will be shown to you only if you agree to share yours.
contact-share-how = To accept: { $share }. Otherwise do nothing: the conversation goes on through the bot.
contact-share-waiting = Noted. Your contact details will be given to { $name } only if they agree to share theirs too (conversation no. { $thread }).
contact-shared = 🤝 You both agreed to share your contact details (conversation no. { $thread }). Here are { $name }'s:
contact-handle-matrix = On Matrix:
contact-handle-telegram-username = On Telegram:
contact-handle-telegram = On Telegram: user id { $id } (look it up, or write from tg://user?id={ $id }).
contact-handle-other = On { $platform }: { $id }
contact-conclude-author-only = Only the author of listing #{ $id } can record its outcome.
contact-conclude-which = Which outcome for listing #{ $id } with { $name }?
contact-concluded = ✅ Listing #{ $id } closed: { $outcome } (with { $name }). Thank you, this feeds the network's statistics.
contact-concluded-notice = { $name } closed listing #{ $id } “{ $title }” after your exchange: { $outcome }.
contact-blocked-done = 🚫 { $name } can no longer write to you through the bot (conversation no. { $thread }). They are not told.
contact-unblocked-done = { $name } can write to you through the bot again (conversation no. { $thread }).

report-ask-reason = Why do you report listing #{ $id }? Write: { $example }
report-reason-missing = Say in a few words why you report (at least 3 characters).
report-reason-too-long = The reason is too long (500 characters at most).
report-own = Listing #{ $id } is yours: to take it down, close or delete it.
report-notice-listing = ⚠️ { $reporter } reports listing #{ $id } “{ $title }” by { $name } (network { $network }).
report-notice-message = ⚠️ { $reporter } reports messages from { $name } received about listing #{ $id } “{ $title }” (network { $network }).
report-notice-reason = Reason: { $reason }
report-notice-quoted = Last message received: “{ $text }”
report-done = ✅ Thank you: your report was passed on to the network's animators, who will decide what to do.
report-done-logged = ✅ Thank you: your report is recorded in the territory's log; the animators will see it.

cmd-contact-summary = write to a listing's author, without giving your handle
cmd-contact-usage = /contact <number> <your message>
cmd-contact-details = Example: /contact 42 Hello, is the van free on Saturday? The message is passed on privately by the bot, with your name and your organisation, never your Telegram or Matrix handle. Without a message, I ask you for it.
cmd-reply-summary = answer in a conversation
cmd-reply-usage = /reply <conversation no.> <your message>
cmd-reply-details = The number is on every relayed message and in /messages. The conversation goes on from one platform to the other (Telegram, Matrix).
cmd-messages-summary = see my ongoing conversations
cmd-messages-usage = /messages
cmd-messages-details = Most recent first, with the last message.
cmd-share-summary = offer to exchange contact details
cmd-share-usage = /share_contact <conversation no.>
cmd-share-details = Your handles are revealed only when you have both agreed.
cmd-conclude-summary = record how an exchange ended (promised, given, received)
cmd-conclude-usage = /conclude <conversation no.> <promised|given|received>
cmd-conclude-details = For the listing's author: the listing is closed with this outcome, and the other person is told.
cmd-block-summary = stop someone from writing to me through the bot
cmd-block-usage = /block <conversation no.>
cmd-block-details = The person is not told; their messages are no longer passed on to you. /unblock to undo.
cmd-unblock-summary = lift a block
cmd-unblock-usage = /unblock <conversation no.>
cmd-unblock-details = The person can write to you through the bot again.
cmd-report-summary = report a listing or messages to the animators
cmd-report-usage = /report <listing number> <reason>  ·  /report message <conversation no.> <reason>
cmd-report-details = The animators of the listing's network are told privately; the report is recorded in the log.
