-- Entity search matches any part of a name or alias (alias_key LIKE '%query%'): a trigram index answers that
-- without reading every alias. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, so the
-- database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX entity_alias_key_trigrams ON entity_alias USING gin (alias_key gin_trgm_ops);
