# Personal data: /mydata, /forget

cmd-mydata-summary = receive in private everything the bot keeps about me (summary and file)
cmd-mydata-usage = /mydata [structure]
cmd-mydata-details = I send you in private a summary and a JSON file of everything I keep about you: profile, settings, networks, structure, listings, alerts, conversations and messages (other people are named as in relayed messages), blocks, reports, audit log entries that concern you, subscriptions. With "structure", a structure's administrators receive its data: profile, team, listings.
cmd-forget-summary = ask for my data to be erased
cmd-forget-usage = /forget [confirm [anonymous] | cancel]
cmd-forget-details = Explains what will be erased and asks for confirmation. The erasure happens 14 days after the confirmation; "/forget cancel" stops it until then. With "anonymous", your ended listings stay in the statistics as anonymous records (category, kind, place, dates, outcome), without title or text.

privacy-sent-private = { $name }, I sent you your data in private.
privacy-answer-private = { $name }, I answered you in private.
privacy-filename = my-data
privacy-structure-filename = structure-data
privacy-heading = 🗂 Your data on { $territory }
privacy-status-open = open
privacy-status-closed = closed
privacy-status-expired = expired
privacy-status-removed = removed
privacy-status-pending = waiting for approval
privacy-status-anonymised = anonymous records
privacy-profile = Profile: { $name }, known since { DATETIME($date, dateStyle: "long") }
privacy-listings = Listings: { $count } ({ $statuses })
privacy-alerts = Alerts: { $alerts }; searches kept for their next page: { $searches }
privacy-structure = Structure: { $name } ({ $role ->
    [admin] administrator
   *[member] member
  })
privacy-structure-none = Structure: none
privacy-networks = Networks joined: { $count }
privacy-conversations = Conversations: { $count }; messages sent: { $sent }, received: { $received }
privacy-blocks = People blocked: { $blocks }; reports made: { $reports }
privacy-broadcasts = Broadcasts written: { $broadcasts }; broadcast subscriptions: { $subscriptions }
privacy-audit = Audit log entries that concern you: { $count }
privacy-file = The attached file holds all of it, as JSON. To be forgotten: { $forget }.
privacy-args = Type /mydata, or /mydata structure for your structure's data.
privacy-no-structure = You act for no structure. To register one: { $create }.
privacy-structure-admin = Only the administrators of "{ $name }" may export its data.
privacy-structure-file = 🗂 Data of "{ $name }": its profile, { $members ->
    [one] one member
   *[other] { $members } members
  } and { $listings ->
    [0] no listing
    [one] one listing
   *[other] { $listings } listings
  }, in the attached file (JSON).

forget-word-confirm = confirm
forget-word-cancel = cancel
forget-word-keep = anonymous
forget-args = Type /forget to learn what will be erased, /forget confirm to ask for it, /forget cancel to stop it.
forget-heading = 🗑 Erase your data
forget-what = Erased: your profile and platform identifiers, your settings, your alerts, your membership of networks and of your structure, the text of your listings, the messages you sent through the bot, your blocks, your subscriptions and the messages waiting for you.
forget-kept = Kept, with nothing that points to you: anonymous records of your listings (kind, category, network, dates, outcome) so that the statistics do not change, the conversations without your messages (what the other person wrote to you stays theirs), and the decisions of the audit log, without your name or your texts.
forget-how = The erasure happens { $days } days after your confirmation; until then you can stop it. Confirm: { $confirm }. To also leave your ended listings to the statistics with their place: { $keep }. Before that, you can get your data: { $data }.
forget-button-confirm = 🗑 Confirm the erasure
forget-button-keep = 🗑 Confirm, ended listings anonymous
forget-button-cancel = ↩️ Cancel the erasure
forget-confirmed = Done: your data will be erased.
forget-confirmed-keep = Done: your data will be erased; your ended listings will stay in the statistics, anonymous, with their place.
forget-scheduled = ⏳ Your data will be erased on { DATETIME($date, dateStyle: "full") }. To keep your account: { $cancel }.
forget-nothing-to-cancel = No erasure is planned for you. To ask for one: { $forget }.
forget-cancelled = ✅ Erasure cancelled: your data stays.
journal-erased = erased member
contact-member-erased = This person left the bot and their data was erased: the conversation is over.
