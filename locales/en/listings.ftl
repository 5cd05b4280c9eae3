## Listings: kinds, categories, terms, posting and managing.

kind-offer = Offer
kind-need = Need
kind-offer-plural = offers
kind-need-plural = needs
kind-unknown = I do not know the kind "{ $typed }". Kinds: { $valid }.
kind-unknown-suggest = I do not know the kind "{ $typed }". Did you mean "{ $suggestion }"? Kinds: { $valid }.

category-vehicles = Vehicles and transport
category-premises = Premises and spaces
category-equipment = Equipment and tools
category-materials = Materials and supplies (surplus, packaging)
category-skills = Skills and skills sponsorship
category-services = Services (maintenance, logistics, concierge)
category-staff = Staff and time
category-food = Food and short supply chains
category-projects = Joint projects and group purchasing
category-other = Other
category-unknown = I do not know the category "{ $typed }". Categories: { $valid }.
category-unknown-suggest = I do not know the category "{ $typed }". Did you mean #{ $suggestion }? Categories: { $valid }.
category-one-only = One category per listing: I kept #{ $used }.

terms-gift = Gift
terms-loan = Loan
terms-exchange = Exchange
terms-sale = Sale
terms-pooling = Pooling
terms-sponsorship = Sponsorship
terms-unknown = I do not know the terms "{ $typed }". Terms: { $valid }.
terms-unknown-suggest = I do not know the terms "{ $typed }". Did you mean "{ $suggestion }"? Terms: { $valid }.

outcome-given = given
outcome-received = received
outcome-withdrawn = withdrawn by its author
outcome-done = done
outcome-unknown = I do not know the outcome "{ $typed }". Outcomes: { $valid }.
outcome-unknown-suggest = I do not know the outcome "{ $typed }". Did you mean "{ $suggestion }"? Outcomes: { $valid }.

status-open = open
status-closed = closed
status-closed-with = closed, { $outcome }
status-expired = expired
status-removed = removed by the animators
status-unknown = I do not know the status "{ $typed }". Statuses: { $valid }.
status-unknown-suggest = I do not know the status "{ $typed }". Did you mean "{ $suggestion }"? Statuses: { $valid }.

place-unknown = I cannot find the place "{ $typed }". Give a commune (Tarbes), a postcode (65000), a département number or name (65, Hautes-Pyrénées), an intercommunality or a region.
place-unknown-suggest = I cannot find the place "{ $typed }". Did you mean: { $suggestions }?
place-ambiguous = Several places match "{ $typed }": { $candidates }. Add the département or the postcode, for example { $example }.

listing-line-details = { $kind } · { $place } · { DATETIME($date, day: "numeric", month: "short") }
listing-dates = Posted on { DATETIME($created, dateStyle: "long") } · until { DATETIME($expires, dateStyle: "long") }
author-unknown = (former member)
listing-not-found = There is no listing #{ $id }. Check the number, or search with /search.
listing-not-yours = Listing #{ $id } is not yours: only the person who posted it can change it.
listing-is-closed = Listing #{ $id } is closed: it cannot change any more. Post a new one if needed.
listing-is-removed = Listing #{ $id } was removed by the network's animators.
listing-removed-public = Listing #{ $id } was removed by the network's animators.
listing-removal-reason = Reason for removal: { $reason }
listing-title-length = The title must be between { $min } and { $max } characters long.
listing-description-length = The description is { $max } characters at most.
listing-published-offer = ✅ Your offer #{ $id } is posted.
listing-published-need = ✅ Your need #{ $id } is posted.
listing-published-next = It stays visible until { DATETIME($expires, dateStyle: "long") }. To see it again: { $show }; all your listings: { $mine }.
listing-expired-notice = Your listing #{ $id } "{ $title }" has reached its end date and no longer shows in searches. Still relevant? { $renew } puts it back online.

post-title-required = The title is needed: it is what other members see first.
post-progress = Step { $step }/{ $steps }.
post-ask-title-offer = What do you offer? Give a short title (one line, { $max } characters at most), for example "Van (12 m³) to lend at weekends".
post-ask-title-need = What do you need? Give a short title (one line, { $max } characters at most), for example "Supplier of organic red berries".
post-ask-description = Describe it in a few lines: quantities, availability, conditions ({ $max } characters at most). Or skip this step.
post-ask-category = Which category? Tap a button or type its name.
post-ask-place = Where? A commune (Tarbes), a postcode (65000), a département (65), an intercommunality (CA Tarbes-Lourdes-Pyrénées) or a region.
post-ask-terms = On what terms? Choose one, or skip.
post-ask-until = Until when is the listing valid? A date (31/12/2026) or a duration (30d, 6w). Skip for { $days } days.
post-ask-confirm = Here is your listing. Publish it?
post-confirm-change = To correct a field, type its name (title, description, category, place, terms, until).
post-confirm-unclear = Answer "yes" to publish, or type the name of the field to correct.
post-until-default = in { $days } days (default)
post-continue-private = { $name }, I am writing to you privately to complete your listing.
draft-cancelled = Draft dropped. Nothing was posted.
draft-none = You have no listing being written.

mine-none = You have not posted any listing yet. To start: { $offer } or { $need }.
mine-heading = Your listings ({ $all }), { $open ->
    [0] none open
   *[other] { $open } open
  }
mine-hint = To see a listing in detail and manage it: { $show }.

edit-which-field = Which field of listing #{ $id } do you want to change? Title, description, category, place, terms or until.
edit-example = { $command } place Lourdes
edit-value-missing = Give the new value of the field "{ $field }".
edit-done = ✏️ Listing #{ $id } changed.

renew-done = 🔁 Listing #{ $id } is extended until { DATETIME($date, dateStyle: "long") }.
close-which-outcome = How did listing #{ $id } end?
close-done = ✔️ Listing #{ $id } is closed: { $outcome }. Thank you for sharing!
delete-confirm = Delete listing #{ $id } "{ $title }" for good? This cannot be undone. If it led to an exchange, prefer { $close }, which keeps a record of it.
delete-done = 🗑️ Listing #{ $id } is deleted.

remove-done = 🚫 Listing #{ $id } is removed. Its author is told, and the action is written in the log.
remove-not-your-network = Listing #{ $id } does not belong to this room's network: only its animators or a territory administrator can remove it.
remove-reason-missing = Give the reason for the removal (3 characters at least): it will be sent to the author.
remove-reason-too-long = The reason is { $max } characters at most.
remove-author-notice = Your listing #{ $id } "{ $title }" was removed by the network's animators. Reason: { $reason }. To talk about it, answer the animators in the network's room.
