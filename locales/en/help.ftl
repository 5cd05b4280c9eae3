## Help: generated from the command declarations.

help-title = { $territory ->
    [SoliTERR] SoliTERR
   *[other] SoliTERR — { $territory }
  }
help-intro = I relay the offers and needs of the territory's organisations: vehicles, premises, equipment, skills, surplus, short supply chains… Commands start with "/" (or "!" on Matrix).
help-section-post = Post
help-section-find = Find
help-section-contact = Contact and cooperate
help-section-manage = Manage my listings
help-section-moderate = Lead the network
help-section-account = My account
help-ordering = Order of results, with no hidden algorithm: newest first; with keywords, first the listings whose title holds all the words, then those where they are in the description, newest first in each group. Search ignores accents and case, finds the start of words (van → vans) and plurals in s or x. A place includes everything inside it: in:65 finds every commune of the Hautes-Pyrénées.
help-more = For the help of one command: { $example }
help-also = Other names: { $names }
help-access-animator = For the animators of the room's network (and the territory's administrators).
help-access-admin = For the territory's administrators.
help-unknown = I do not know the command "{ $typed }". Type { $help } for the list.

cmd-offer-summary = post an offer (what you propose)
cmd-offer-usage = /offer <title> [— description] #category in:<commune, postcode, département…> [terms:gift|loan|exchange|sale|pooling|sponsorship] [until:<date>]
cmd-offer-details = Example: /offer Van (12 m³) to lend at weekends #vehicles in:Tarbes terms:loan. Typed alone, /offer guides you step by step. What is missing or not understood is asked afterwards. Without a date, the listing lasts the number of days set by the territory. If you act for an organisation, the listing is posted on its behalf; with structure:no, in your own name only.
cmd-need-summary = post a need (what you are looking for)
cmd-need-usage = /need <title> [— description] #category in:<commune, postcode, département…> [terms:…] [until:<date>]
cmd-need-details = Example: /need Supplier of organic red berries, 200 kg/week #food in:65. Typed alone, /need guides you step by step.
cmd-cancel-summary = drop the listing being written
cmd-cancel-usage = /cancel
cmd-cancel-details = The draft is erased; nothing is posted.
cmd-skip-summary = skip an optional question
cmd-skip-usage = /skip
cmd-skip-details = While writing a listing step by step, skips the current question if it is optional.
cmd-search-summary = search the listings
cmd-search-usage = /search [words] [kind:offer|need] [#category] [in:…] [terms:…] [status:open|closed|expired|all]
cmd-search-details = Examples: /search van in:65 — /search #food kind:need in:"CA Tarbes-Lourdes-Pyrénées". Every filter combines with the others. Without a status, only open listings are shown. Results come in pages of 10.
cmd-more-summary = see the next page of a search
cmd-more-usage = /more [search number] [page]
cmd-more-details = Without arguments, shows the next page of your latest search.
cmd-show-summary = see a listing in detail
cmd-show-usage = /listing <number>
cmd-show-details = Example: /listing 42. The buttons under the listing let you manage it if it is yours.
cmd-mine-summary = see my listings
cmd-mine-usage = /mylistings [page]
cmd-mine-details = Your open listings first, then the others, newest first.
cmd-edit-summary = change a field of one of my listings
cmd-edit-usage = /edit <number> <title|description|category|place|terms|until> <new value>
cmd-edit-details = Examples: /edit 42 place Lourdes — /edit 42 until 31/12/2026 — /edit 42 title Minibus to lend.
cmd-renew-summary = extend one of my listings
cmd-renew-usage = /renew <number> [date]
cmd-renew-details = Without a date, the listing is extended by the number of days set by the territory. An expired listing is put back online.
cmd-close-summary = close one of my listings, with its outcome
cmd-close-usage = /close <number> [given|received|withdrawn|done]
cmd-close-details = The outcome (given, received, withdrawn, done) feeds the network's statistics. Without one, I ask for it.
cmd-delete-summary = delete one of my listings for good
cmd-delete-usage = /delete <number>
cmd-delete-details = You are asked to confirm. If the exchange happened, prefer /close.
cmd-remove-summary = remove an abusive listing (moderation)
cmd-remove-usage = /remove <number> <reason>
cmd-remove-details = The author is told the reason, and the action is written in the network's log.
cmd-language-summary = choose my language (fr, en)
cmd-language-usage = /language <fr|en>
cmd-language-details = I will answer you in that language from now on, on every platform.
cmd-help-summary = this help
cmd-help-usage = /help [command]
cmd-help-details = Example: /help search.
