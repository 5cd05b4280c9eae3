-- Full-text index over structures for the directory (/annuaire): words of the name and the
-- description, and filter tokens (sec_<NAF section>, type_<type>, the commune's place tokens
-- as for listings). Contentless, kept in sync by triggers, rowid = structure id. Ligatures
-- are spelt out the way storage/text.ts `fold` reads queries.
CREATE VIRTUAL TABLE `structures_fts` USING fts5(
  name, description, tags,
  content = '', contentless_delete = 1,
  detail = column,
  prefix = '3 4 5 6 7 8',
  tokenize = 'unicode61 remove_diacritics 2 tokenchars ''_'''
);
--> statement-breakpoint
CREATE TRIGGER `structures_fts_insert` AFTER INSERT ON `structures` BEGIN
  INSERT INTO structures_fts (rowid, name, description, tags) VALUES (
    new.id,
    replace(replace(replace(replace(replace(replace(new.name, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS'),
    replace(replace(replace(replace(replace(replace(new.description, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS'),
    'all sec_' || lower(new.sector) || ' type_' || new.type || ' ' || new.place_tags
  );
END;
--> statement-breakpoint
CREATE TRIGGER `structures_fts_update` AFTER UPDATE OF name, description, sector, type, place_tags ON `structures` BEGIN
  DELETE FROM structures_fts WHERE rowid = old.id;
  INSERT INTO structures_fts (rowid, name, description, tags) VALUES (
    new.id,
    replace(replace(replace(replace(replace(replace(new.name, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS'),
    replace(replace(replace(replace(replace(replace(new.description, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS'),
    'all sec_' || lower(new.sector) || ' type_' || new.type || ' ' || new.place_tags
  );
END;
--> statement-breakpoint
CREATE TRIGGER `structures_fts_delete` AFTER DELETE ON `structures` BEGIN
  DELETE FROM structures_fts WHERE rowid = old.id;
END;
