-- The public register as it was published (issue 16 §2), written by the `public-register`
-- projection inside its processor transaction and read through R2DBC by the open-data answers:
-- the register as of a date, the export as of a date and the change feed.

-- The folded state of each institution, so that the next batch can continue from it, and the
-- public entry last published for it (null: never published, or withdrawn). The view is JSON
-- text, not jsonb: jsonb reorders keys, and the order of the classes is part of the entry.
CREATE TABLE public_register_head (
    institution_id VARCHAR(36) NOT NULL PRIMARY KEY,
    last_position  BIGINT      NOT NULL,
    view           TEXT        NOT NULL,
    published      TEXT
);

-- Every published version of each public entry: one row per event that changed what the public
-- sees of an institution. global_index is the event's own position in the store (unique, the same
-- after a rebuild): the change feed's cursor. valid_from is the event's timestamp.
CREATE TABLE public_register_version (
    global_index      BIGINT      NOT NULL PRIMARY KEY,
    institution_id    VARCHAR(36) NOT NULL,
    valid_from        TIMESTAMPTZ NOT NULL,
    change            VARCHAR(16) NOT NULL CHECK (change IN ('PUBLISHED', 'WITHDRAWN')),
    filing_number     VARCHAR(18),
    status            VARCHAR(20) NOT NULL,
    status_changed_at TIMESTAMPTZ,
    -- the public entry as published (JSON text, byte for byte); null when withdrawn
    entry             TEXT
);
-- the register as of an instant: the latest version of each institution up to it
CREATE INDEX public_register_version_as_of ON public_register_version (institution_id, global_index DESC, valid_from);
CREATE INDEX public_register_version_valid_from ON public_register_version (valid_from);
