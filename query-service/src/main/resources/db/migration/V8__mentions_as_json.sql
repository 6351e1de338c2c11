-- Mentions, speaker mentions and cues are written once and only ever read back whole, as text: json keeps
-- the text as it came (checked, not converted), which spares the projection the conversion into jsonb's
-- binary form for each of the twenty-odd rows an article's analysis adds.
ALTER TABLE article_entity ALTER COLUMN mentions TYPE json USING mentions::json;
ALTER TABLE quote_occurrence ALTER COLUMN speaker_mention TYPE json USING speaker_mention::json,
                             ALTER COLUMN cue TYPE json USING cue::json;
