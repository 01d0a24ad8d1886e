-- Schema 1: the clause library, its versions and its search indexes.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE clause (
    id                        TEXT PRIMARY KEY,
    topics                    TEXT NOT NULL,          -- JSON array of topic ids, primary first
    models                    TEXT NOT NULL,          -- JSON array of deployment models
    position                  TEXT NOT NULL CHECK (position IN ('preferred', 'fallback', 'provider_form')),
    side                      TEXT NOT NULL CHECK (side IN ('customer', 'provider', 'neutral')),
    basis                     TEXT NOT NULL,          -- JSON array of {zh, en}
    title_zh                  TEXT NOT NULL,
    title_en                  TEXT NOT NULL,
    body_zh                   TEXT NOT NULL,
    body_en                   TEXT NOT NULL,
    guidance_zh               TEXT NOT NULL,
    guidance_en               TEXT NOT NULL,
    version                   INTEGER NOT NULL CHECK (version >= 1),
    origin                    TEXT NOT NULL CHECK (origin IN ('seeded', 'seeded_edited', 'user')),
    template_version          INTEGER,
    template_update_available INTEGER,
    deleted                   INTEGER NOT NULL DEFAULT 0, -- a deleted seeded clause stays as a tombstone so re-seeding does not bring it back
    updated_at                TEXT NOT NULL
);

CREATE TABLE clause_topic (
    topic     TEXT NOT NULL,
    clause_id TEXT NOT NULL REFERENCES clause(id) ON DELETE CASCADE,
    PRIMARY KEY (topic, clause_id)
) WITHOUT ROWID;
CREATE INDEX clause_topic_clause ON clause_topic(clause_id);

CREATE TABLE clause_model (
    model     TEXT NOT NULL,
    clause_id TEXT NOT NULL REFERENCES clause(id) ON DELETE CASCADE,
    PRIMARY KEY (model, clause_id)
) WITHOUT ROWID;
CREATE INDEX clause_model_clause ON clause_model(clause_id);

CREATE TABLE clause_version (
    clause_id  TEXT NOT NULL REFERENCES clause(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    source     TEXT NOT NULL,   -- seed | seed_update | user_edit | user_create | import | adopt_template
    created_at TEXT NOT NULL,
    content    TEXT NOT NULL,   -- JSON ClauseContent
    PRIMARY KEY (clause_id, version)
) WITHOUT ROWID;

-- Search: one document per (clause, language).
CREATE TABLE search_doc (
    doc       INTEGER PRIMARY KEY,
    clause_id TEXT NOT NULL REFERENCES clause(id) ON DELETE CASCADE,
    lang      TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
    UNIQUE (clause_id, lang)
);

-- Substring index for queries of three or more characters (Chinese and English).
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, guidance, tokenize = 'trigram case_sensitive 0');

-- Two-character index: every distinct CJK bigram of a document with its precomputed BM25 term
-- weight, so a two-character query is one ordered index range scan.
CREATE TABLE search_bigram (
    gram TEXT NOT NULL,
    rank REAL NOT NULL,    -- negated weight: ascending order = best first
    doc  INTEGER NOT NULL,
    PRIMARY KEY (gram, rank, doc)
) WITHOUT ROWID;
CREATE INDEX search_bigram_doc ON search_bigram(doc);
