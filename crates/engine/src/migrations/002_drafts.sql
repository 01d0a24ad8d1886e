-- Schema 2: contract drafts and their versions.

CREATE TABLE draft (
    id          INTEGER PRIMARY KEY,
    meta        TEXT NOT NULL,          -- JSON DraftMeta: title, language, model, matter, counterpart, variables
    doc         TEXT NOT NULL,          -- JSON DraftDoc: the editor's document, as last saved
    source      TEXT NOT NULL,          -- "template:ID", "import:FILE" or "blank"
    revision    INTEGER NOT NULL DEFAULT 1, -- +1 on every save
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE draft_version (
    draft_id    INTEGER NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,       -- 1, 2, … per draft, never reused
    kind        TEXT NOT NULL CHECK (kind IN ('created', 'autosave', 'named', 'before_restore')),
    name        TEXT,
    meta        TEXT NOT NULL,
    doc         TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (draft_id, number)
) WITHOUT ROWID;
