-- An entity's latest articles (the window its related entities and graph are counted over) straight from
-- one index, without joining and sorting every article of an entity mentioned in tens of thousands. The
-- projection keeps the column equal to the article's published_at whichever of the two events comes first.
ALTER TABLE article_entity ADD COLUMN published_at timestamptz;
UPDATE article_entity ae SET published_at = a.published_at FROM article a WHERE a.id = ae.article_id;
CREATE INDEX article_entity_recent ON article_entity (entity_id, published_at DESC NULLS LAST, article_id DESC);
