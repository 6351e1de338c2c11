-- Quote search (`/api/quotes?q=`, the search page) matches words anywhere in a quote: LIKE '%words%' on the
-- lower-cased text, answered from trigrams instead of reading every quote.
CREATE INDEX quote_text_trigrams ON quote USING gin (lower(text) gin_trgm_ops);
