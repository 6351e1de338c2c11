-- The read model of query-service. Rebuilt from the articles, entities and quotes topics; every table is
-- written only by the projection (io.quotewire.query.projection).

CREATE TABLE article (
    id            text PRIMARY KEY,
    revision      text NOT NULL,
    title         text,
    url           text,
    source        text,
    author        text,
    language      text,
    published_at  timestamptz,
    ingested_at   timestamptz NOT NULL,
    text          text NOT NULL,
    search        tsvector GENERATED ALWAYS AS (
                      setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                      setweight(to_tsvector('english', text), 'B')) STORED
);
CREATE INDEX article_search ON article USING gin (search);
CREATE INDEX article_published ON article (published_at DESC NULLS LAST, id);
CREATE INDEX article_source ON article (lower(source));

-- which analysis of an article the read model holds (kind: entities | quotes)
CREATE TABLE analysis (
    article_id       text NOT NULL,
    kind             text NOT NULL,
    revision         text NOT NULL,
    analyzed_at      timestamptz NOT NULL,
    analyzer_version text,
    PRIMARY KEY (article_id, kind)
);

-- one row per real-world thing across articles
CREATE TABLE entity (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    type          text NOT NULL,
    article_count integer NOT NULL DEFAULT 0,
    mention_count integer NOT NULL DEFAULT 0
);
CREATE INDEX entity_type ON entity (type, article_count DESC);
CREATE INDEX entity_articles ON entity (article_count DESC, id);

-- every name seen for an entity; key: lower case, no accents or punctuation (for search and merging)
CREATE TABLE entity_alias (
    entity_id text NOT NULL REFERENCES entity (id),
    alias     text NOT NULL,
    alias_key text NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_alias_key ON entity_alias (alias_key);

-- an nlp-service entity id (per surface form) and the read-model entity it was merged into
CREATE TABLE entity_link (
    source_id text PRIMARY KEY,
    entity_id text NOT NULL REFERENCES entity (id)
);
CREATE INDEX entity_link_entity ON entity_link (entity_id);

-- an entity as one article's analysis has it
CREATE TABLE article_entity (
    article_id    text NOT NULL,
    source_id     text NOT NULL,
    entity_id     text NOT NULL,
    name          text NOT NULL,
    type          text NOT NULL,
    salience      double precision NOT NULL DEFAULT 0,
    mention_count integer NOT NULL,
    mentions      jsonb NOT NULL,
    PRIMARY KEY (article_id, source_id)
);
CREATE INDEX article_entity_entity ON article_entity (entity_id, article_id);

CREATE TABLE quote (
    id   text PRIMARY KEY,
    text text NOT NULL
);

-- a quote as it appears in one article, with that article's attribution
CREATE TABLE quote_occurrence (
    article_id        text NOT NULL,
    quote_id          text NOT NULL,
    start_offset      integer NOT NULL,
    end_offset        integer NOT NULL,
    speaker_source_id text,
    speaker_name      text,
    speaker_mention   jsonb,
    cue               jsonb,
    PRIMARY KEY (article_id, quote_id, start_offset)
);
CREATE INDEX quote_occurrence_quote ON quote_occurrence (quote_id);
CREATE INDEX quote_occurrence_speaker ON quote_occurrence (speaker_source_id);
