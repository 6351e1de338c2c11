-- A story's summary line: the first sentence of its central article's news (its ArticleProfiled's summary).
ALTER TABLE story ADD COLUMN summary text;
