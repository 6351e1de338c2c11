-- Merging a person by surname looks up aliases by their last word: an indexed, generated column instead
-- of a LIKE '% surname' scan that grows with the table.
ALTER TABLE entity_alias ADD COLUMN last_word text GENERATED ALWAYS AS (regexp_replace(alias_key, '^.* ', '')) STORED;
CREATE INDEX entity_alias_last_word ON entity_alias (last_word);
