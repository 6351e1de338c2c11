-- When the analysed revision of an article was ingested: of two analyses of an article, the one of the revision
-- ingested later is kept, whatever order they were made or arrive in (null: unknown, older than any known).
ALTER TABLE analysis ADD COLUMN article_ingested_at timestamptz;
