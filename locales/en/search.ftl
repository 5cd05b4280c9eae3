## Search.

search-words = "{ $words }"
search-everything = all listings
search-status-closed = closed
search-status-expired = expired
search-status-all = any status
search-heading = 🔎 { $criteria } — page { $page }
search-order-recent = Order: newest first.
search-order-relevance = Order: first the listings whose title holds all your words, then those where they are in the description; newest first in each group.
search-show-hint = To see a listing in detail: { $show }.
search-none = No listing matches: { $criteria }. Try fewer words, a wider place (the département, for example) or no category.
search-none-open = No open listing matches: { $criteria }. Try fewer words, a wider place, or add status:all to see closed listings too.
search-no-more = There are no more results for: { $criteria }.
search-expired = I cannot find that search any more. Run it again with { $search }.
search-category-one-only = One category per search: I kept #{ $used }.
search-sent-private = { $name }, the results take several pages: I am sending them to you privately.
