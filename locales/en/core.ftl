## General messages of the bot: errors, buttons, fields.

error-internal = Sorry, something went wrong on our side. Your message changed nothing; try again in a moment. If it happens again, tell the network's animators.
rate-limited = Easy: you sent many commands in a short time. Wait a minute before going on.
input-too-long = Your message is too long ({ $max } characters at most). Shorten it, or send the description in several steps with /edit.
not-a-command = I did not understand. Commands start with "/", for example { $help } to see what I can do.
command-unknown = I do not know the command "/{ $name }". Type { $help } for the list of commands.
command-unknown-suggest = I do not know the command "/{ $name }". Did you mean { $suggestion }? Type { $help } for the list of commands.
not-allowed-animator = The command { $command } is for the animators of this room's network.
not-allowed-admin = The command { $command } is for the territory's administrators.
args-invalid = I did not understand what follows the command.
usage-label = Usage:
arg-listing-number = Give the listing's number, for example 42 or #42.
arg-listing-number-missing = Give the listing's number, for example 42.
arg-page = The page number must be a whole number, from 1.
arg-search-number = The search number must be a whole number.
page-empty = There is nothing on page { $page }.
date-long = { DATETIME($date, dateStyle: "long") }
date-invalid = I do not understand the date "{ $typed }". Write it as 31/12/2026, 31/12 or 2026-12-31, or a duration such as 30d, 6w or 3m.
date-past = That date has passed ({ DATETIME($date, dateStyle: "long") }). Choose a date to come.
date-too-far = A listing lasts { $days } days at most. Choose a closer date; you can renew it later.

button-more = Next ▶
button-previous = ◀ Previous
button-skip = Skip
button-cancel = Cancel
button-publish = ✅ Publish
button-renew = 🔁 Renew
button-close = ✔️ Close
button-edit = ✏️ Edit
button-delete = 🗑️ Delete
button-delete-confirm = 🗑️ Yes, delete for good
button-remove = 🚫 Remove (moderation)

field-kind = Kind:
field-title = Title:
field-description = Description:
field-category = Category:
field-place = Place:
field-terms = Terms:
field-until = Until:
field-author = Posted by:
field-status = Status:
field-unknown = I do not know the field "{ $typed }". Fields you can change: { $valid }.
field-unknown-suggest = I do not know the field "{ $typed }". Did you mean "{ $suggestion }"? Fields you can change: { $valid }.

language-current = I speak to you in { $locale ->
    [fr] French
   *[en] English
  }. To change: /language followed by { $choices }.
language-set = Noted: I will speak to you in English from now on.
language-unknown = I do not know the language "{ $typed }". Languages: { $choices }.

private-unreachable = { $name }, I cannot write to you privately: first open a chat with me (button below), then I will send you the rest.
button-open-private = ✉️ Open the private chat
