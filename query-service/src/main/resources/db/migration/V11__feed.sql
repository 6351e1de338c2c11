-- The live feed: one row per quote occurrence and per article as the projection first stores them, written by
-- triggers so that the projection's code knows nothing of it. A row is identified by (tx, seq): the inserting
-- transaction's id and a sequence number. The stream endpoints read only rows of transactions older than every
-- transaction still running (pg_snapshot_xmin), in (tx, seq) order: a row that becomes visible later always sorts
-- after every row already served, so a client resuming after its Last-Event-ID misses nothing, whichever
-- query-service instance projected the row and whichever serves the client.
CREATE TABLE feed (
    tx           xid8 NOT NULL DEFAULT pg_current_xact_id(),
    seq          bigserial NOT NULL,
    kind         text NOT NULL,          -- quote | article
    article_id   text NOT NULL,
    quote_id     text,
    start_offset integer,
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tx, seq)
);
-- rows older than quotewire.query.feed-retention are deleted now and then
CREATE INDEX feed_at ON feed (at);

-- statement triggers over the inserted rows (not row triggers): one INSERT per projection statement, which
-- writes hundreds of rows at a time. An upsert's updated rows are not in its inserted rows.
CREATE FUNCTION feed_quote_occurrences() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO feed (kind, article_id, quote_id, start_offset)
    SELECT 'quote', n.article_id, n.quote_id, n.start_offset FROM inserted n ORDER BY n.article_id, n.start_offset;
    RETURN NULL;
END $$;

CREATE TRIGGER quote_occurrence_feed AFTER INSERT ON quote_occurrence REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION feed_quote_occurrences();

CREATE FUNCTION feed_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO feed (kind, article_id) SELECT 'article', n.id FROM inserted n;
    RETURN NULL;
END $$;

CREATE TRIGGER article_feed AFTER INSERT ON article REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION feed_articles();

-- the most mentioned entities of the articles received lately (the Now page)
CREATE INDEX article_ingested ON article (ingested_at DESC);
