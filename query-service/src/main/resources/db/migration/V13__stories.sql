-- Stories: articles about one event, assigned in the single order of the profiles topic (query-service's
-- story package). Only story assignment writes these tables; rebuilding them from the topic gives the same rows.
CREATE TABLE story (
    id                 text PRIMARY KEY,
    first_seq          bigint NOT NULL,
    last_seq           bigint NOT NULL,
    article_count      integer NOT NULL,
    first_at           timestamptz,
    last_at            timestamptz,
    central_article_id text NOT NULL,
    -- what assignment needs to compare an article with the story (centroid, entities, keys): StoryStore
    state              jsonb NOT NULL
);
CREATE INDEX story_recent ON story (last_seq DESC);
CREATE INDEX story_activity ON story (last_at DESC NULLS LAST, id);

CREATE TABLE story_article (
    article_id text PRIMARY KEY,
    story_id   text NOT NULL REFERENCES story (id),
    seq        bigint NOT NULL,
    score      real
);
CREATE INDEX story_article_story ON story_article (story_id, seq);

-- the position of the last profile applied: an instance whose in-memory index is behind it reloads
CREATE TABLE story_watermark (
    id       integer PRIMARY KEY CHECK (id = 1),
    last_seq bigint NOT NULL
);
INSERT INTO story_watermark VALUES (1, -1);
