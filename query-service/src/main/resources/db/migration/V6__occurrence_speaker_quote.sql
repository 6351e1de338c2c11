-- The quotes of a speaker straight from the index, in quote order, without reading occurrence rows: a
-- speaker with tens of thousands of quotes is counted and paged in tens of milliseconds, not seconds.
CREATE INDEX quote_occurrence_speaker_quote ON quote_occurrence (speaker_source_id, quote_id);
DROP INDEX quote_occurrence_speaker;
