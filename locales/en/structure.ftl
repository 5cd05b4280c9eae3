## Structures (organisations) and the directory.

structure-type-company = Company
structure-type-association = Association
structure-type-public = Local authority or public body
structure-type-independent = Self-employed
structure-type-other = Other
structure-type-unknown = I do not know the type “{ $typed }”. Types: { $valid }.
structure-type-unknown-suggest = I do not know the type “{ $typed }”. Did you mean “{ $suggestion }”? Types: { $valid }.

structure-word-create = create
structure-word-edit = edit
structure-word-invite = invite
structure-word-join = join
structure-word-leave = leave
structure-word-team = team

button-structure-create = 🏢 Create my organisation
button-structure-invite = ✉️ Invite a colleague
button-structure-team = 👥 The team
button-structure-show = See { $name }

structure-field-type = Type:
structure-field-sector = Sector:
structure-field-commune = Town:
structure-field-website = Website:
structure-field-contact = Contact:
structure-field-required = This is needed.

structure-continue-private = { $name }, I am writing to you privately to create your organisation step by step.
structure-ask-name = What is the name of your organisation?
structure-ask-type = What kind of organisation?
structure-ask-sector = What is its sector of activity? Type the section's letter (for example C) or a word (“food”, “construction”…).
structure-ask-commune = In which town is it? (name or postcode)
structure-ask-description = Describe it in a few lines: what it does, what it can share.
structure-ask-website = Its website?
structure-ask-contact = A public contact (an e-mail address or phone number the organisation agrees to publish)?
structure-ask-last = Last question. So far:

structure-name-length = The name must be between { $min } and { $max } characters long.
structure-commune-only = “{ $typed }” is not a town: give the organisation's town (name or postcode).
structure-sector-unknown = I find no sector “{ $typed }”. Type the section's letter (A to U) or a word of its title.
structure-sector-ambiguous = “{ $typed }” fits several sectors: { $candidates }. Type the letter of the right one.
structure-website-invalid = “{ $typed }” does not look like a website address (for example dupont-bakery.fr).
structure-description-length = The description is too long ({ $max } characters at most).
structure-contact-length = The contact is too long ({ $max } characters at most).

structure-created = ✅ The organisation “{ $name }” is created, and you are its administrator.
structure-created-next = Your next listings will be posted on its behalf. To invite a colleague: { $invite }. To post: { $offer }.
structure-already = You already act for “{ $name }”. To create another organisation, leave this one first: { $leave }.
structure-none = You do not act for any organisation yet. Create yours with { $create }, or join one with the code a colleague gives you.
structure-not-found = There is no organisation no. { $id }. Search the directory: /directory.
structure-action-unknown = I do not know the action “{ $typed }”.
structure-admins-only = Only the administrators of “{ $name }” can do that.
structure-team-size = { $count ->
    [one] One person acts for this organisation.
   *[other] { $count } people act for this organisation.
  }
structure-open-listings = { $count ->
    [0] No open listing.
    [one] One open listing:
   *[other] { $count } open listings:
  }
structure-edit-usage = Say which field to change: name, type, sector, town, description, website or contact. Example: { $example }
structure-edit-example = website dupont-bakery.fr
structure-edited = ✅ “{ $name }” is up to date.
structure-invite-created = ✉️ Here is a one-time code for a colleague to join “{ $name }” (valid { $days } days). They just type:
structure-invite-private = I am sending you the invitation code privately.
structure-join-code-missing = Type the code your colleague gave you after the command.
structure-join-code-invalid = The code { $code } is not valid: it may have been used or have expired. Ask your colleague for a new one.
structure-joined = ✅ You now act for “{ $name }”: your listings will be posted on its behalf.
structure-joined-notice = { $name } joined your organisation “{ $structure }”.
structure-team-heading = The team of “{ $name }” ({ $count }):
structure-role-admin = administrator
structure-team-how = To name another administrator: { $admin }
structure-not-a-colleague = “{ $id }” is not a number of your team. See the team: { $team }
structure-admin-notice = You are now an administrator of “{ $name }”.
structure-admin-done = ✅ { $name } is now an administrator of the organisation.
structure-last-admin = You are the last administrator of “{ $name }”: name another one before leaving ({ $admin }).
structure-left = You no longer act for “{ $name }”. Your listings already posted stay in its name.

listing-structure-option = I did not understand structure:{ $typed }. Type structure:no to post in your own name only, or nothing to post on behalf of your organisation.

directory-heading = { $count ->
    [one] One organisation, most recent first:
   *[other] { $count } organisations, most recent first:
  }
directory-none = No organisation fits. Try other words, a sector or a wider place — or register yours with { $create }.
directory-how = To see an organisation and its open listings: { $profile }
directory-more = More organisations fit: narrow down with words, sector:… or in:…. To see an organisation: { $profile }

cmd-structure-summary = see, create or manage my organisation; see another's
cmd-structure-usage = /organisation [create | edit <field> <value> | invite | join <code> | team | admin <no.> | leave | <no.>]
cmd-structure-details = Alone: your organisation. “create” guides you step by step (name, type, sector, town, description, website, contact). “invite” gives a one-time code to pass on to a colleague, who types “/organisation join <code>”. Your listings are posted on behalf of your organisation.
cmd-directory-summary = search the directory of organisations
cmd-directory-usage = /directory [words] [sector:<letter or word>] [in:…]
cmd-directory-details = Examples: /directory bakery — /directory sector:I in:65. Most recent first; words are looked for in the name and description.
