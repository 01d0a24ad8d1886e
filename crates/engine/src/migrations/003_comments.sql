-- Schema 3: comments on drafts. A comment is anchored by the `comment` marks carrying its id in
-- the draft's document, so it follows its text through edits and versions.

CREATE TABLE draft_comment (
    draft_id    INTEGER NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    parent      TEXT,                    -- the comment a reply answers
    author      TEXT NOT NULL,
    body        TEXT NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0,
    source      TEXT,                    -- "finding:ID" when made from an analyzer finding
    created_at  TEXT NOT NULL,
    PRIMARY KEY (draft_id, id)
) WITHOUT ROWID;
