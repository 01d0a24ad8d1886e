-- Schema 4: how many documents hold each key of search_bigram (a CJK bigram or an English word),
-- kept by indexing, so that a search picks a phrase's rarest key with one lookup a key instead
-- of counting postings.

CREATE TABLE search_gram (
    gram TEXT PRIMARY KEY,
    docs INTEGER NOT NULL    -- rows of search_bigram with this gram
) WITHOUT ROWID;

INSERT INTO search_gram (gram, docs) SELECT gram, count(*) FROM search_bigram GROUP BY gram;
