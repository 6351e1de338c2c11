-- article_entity_recent (entity_id, published_at, article_id) serves every lookup of an entity's articles
-- that article_entity_entity (entity_id, article_id) served; one index fewer to write for each of the
-- twenty-odd rows an article's analysis adds.
DROP INDEX article_entity_entity;
