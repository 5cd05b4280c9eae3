## Rooms and networks.

room-welcome-unbound = Hello! I am the SoliTERR bot of { $territory }: I relay offers and needs between the territory's organisations. An administrator of this group can bind it to a network with { $bind }. For everything else: { $help }.
room-welcome-back = I am back! This group stays bound to its network. For the commands: { $help }.
network-name-placeholder = <network name>
network-none = This room is not bound to any network. An animator or administrator of the group can bind it with { $bind }.
network-heading = Network "{ $name }"
network-rooms = { $count ->
    [one] One room:
   *[other] { $count } rooms:
  }
network-policy-open = Open membership: everyone can post and search.
network-policy-validation = Membership on approval: the animators approve new members.
network-created = ✅ Network "{ $name }" created, and this room is bound to it.
network-joined = ✅ This room is now bound to the network "{ $name }".
network-already = This room is already bound to the network "{ $name }".
network-next = Listings posted here now belong to this network. To start: { $offer } or { $search }.
network-name-length = The network's name must be between { $min } and { $max } characters long.
network-not-in-private = Type this command in the network's group, not privately.

start-welcome = Hello { $name }, welcome to SoliTERR — { $territory }!
start-next = Here we can talk privately: post an offer ({ $offer }) or a need ({ $need }), search ({ $search }), or see every command ({ $help }).

cmd-network-summary = see this room's network, or bind the room to one (animators)
cmd-network-usage = /network [network name]  ·  /network link [code]  ·  /network summary <HH:MM|no>  ·  /network joining <validation|open>  ·  /network questions <text|no>
cmd-network-details = Without a name: shows the room's network. With a name (the group's animators and administrators): creates that network and binds the room to it. To bind another room (Telegram or Matrix) to an existing network: "/network link" in a room of the network gives a one-time code, to type in the other room with "/network link <code>". Listings posted in the room belong to its network. With "summary 18:00", I post the network's new listings in its rooms every day at that time ("summary no" to stop). "joining validation": newcomers wait for an animator's approval before posting, contacting or saving alerts (members already active keep their place); "questions": what newcomers are asked.
cmd-start-summary = start a private chat with the bot
cmd-start-usage = /start
cmd-start-details = The "open the private chat" links send this command, sometimes followed by the action to resume.
room-encrypted-unsupported = This room is end-to-end encrypted, and this SoliTERR installation cannot read encrypted messages: I will not see your commands here. To use me, create an unencrypted room for the network, or ask whoever runs the bot to install the encryption module and turn MATRIX_ENCRYPTION on.
network-link-word = link
network-exists-link = The network "{ $name }" already exists. To bind this room to it, one of its animators types { $link } in a room of the network: they get a one-time code, to type here.
network-link-unbound = This room belongs to no network: create one first with { $bind }, or type here the code an animator gave you.
network-link-code = Code to bind another room to the network "{ $name }": { $code }
network-link-how = In the other room, one of its animators types: { $telegram } (on Matrix: { $matrix }). The code works once, until { DATETIME($expires, dateStyle: "full", timeStyle: "short") }. Only give it to people you trust.
network-link-invalid = The code "{ $typed }" does not exist or has expired. Ask an animator of the network for a new one (/network link in one of its rooms).
network-link-used = The code "{ $typed }" has already been used. Ask an animator of the network for a new one.
network-link-done = ✅ This room joins the network "{ $name }", which now has { $count ->
    [one] 1 room
   *[other] { $count } rooms
  }:
network-link-done-notice = ✅ The room { $room } joined the network "{ $name }" with your code.
