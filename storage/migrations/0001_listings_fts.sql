-- Full-text index over listings: words of the title and description, and filter tokens.
-- Contentless (the text lives in `listings`), with deletes allowed, kept in sync by triggers.
-- Ligatures are spelt out (œ -> oe, ß -> ss) the way storage/text.ts `fold` reads queries.
-- rowid = listing id, so walking the index by rowid DESC gives the newest listings first and
-- stops after a page. Prefix indexes for 3 to 8 characters make word-start queries as fast
-- as exact ones (storage/search.ts cuts query words to 8 characters). detail=column keeps the
-- index small: no phrase queries and no bm25, which the search does not use.
CREATE VIRTUAL TABLE `listings_fts` USING fts5(
  title, description, tags,
  content = '', contentless_delete = 1,
  detail = column,
  prefix = '3 4 5 6 7 8',
  tokenize = 'unicode61 remove_diacritics 2 tokenchars ''_'''
);
--> statement-breakpoint
CREATE TRIGGER `listings_fts_insert` AFTER INSERT ON `listings` BEGIN
  INSERT INTO listings_fts (rowid, title, description, tags) VALUES (
    new.id,
    replace(replace(replace(replace(replace(replace(new.title, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS'),
    replace(replace(replace(replace(replace(replace(new.description, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS'),
    'st_' || new.status || ' kind_' || new.kind || ' cat_' || new.category
      || coalesce(' terms_' || new.terms, '') || ' ' || new.place_tags
  );
END;
--> statement-breakpoint
CREATE TRIGGER `listings_fts_update` AFTER UPDATE OF title, description, kind, category, terms, status, place_tags ON `listings` BEGIN
  DELETE FROM listings_fts WHERE rowid = old.id;
  INSERT INTO listings_fts (rowid, title, description, tags) VALUES (
    new.id,
    replace(replace(replace(replace(replace(replace(new.title, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS'),
    replace(replace(replace(replace(replace(replace(new.description, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS'),
    'st_' || new.status || ' kind_' || new.kind || ' cat_' || new.category
      || coalesce(' terms_' || new.terms, '') || ' ' || new.place_tags
  );
END;
--> statement-breakpoint
CREATE TRIGGER `listings_fts_delete` AFTER DELETE ON `listings` BEGIN
  DELETE FROM listings_fts WHERE rowid = old.id;
END;
