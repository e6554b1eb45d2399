-- Supervision view of institutions, written by the `supervision` projection inside its
-- processor transaction and read by the supervision API through R2DBC.
CREATE TABLE supervision_institution (
    institution_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    name                       TEXT         NOT NULL,
    credit_code                VARCHAR(18)  NOT NULL,
    credit_code_checksum_valid BOOLEAN      NOT NULL,
    division_code              VARCHAR(6)   NOT NULL,
    institution_type           VARCHAR(40)  NOT NULL,
    status                     VARCHAR(20)  NOT NULL,
    puhui                      BOOLEAN      NOT NULL,
    filing_number              VARCHAR(18),
    places_infant              INTEGER      NOT NULL,
    places_young_toddler       INTEGER      NOT NULL,
    places_older_toddler       INTEGER      NOT NULL,
    places_mixed               INTEGER      NOT NULL,
    total_places               INTEGER      NOT NULL,
    open_classes               INTEGER      NOT NULL,
    submitted_at               TIMESTAMPTZ,
    filed_at                   TIMESTAMPTZ,
    status_changed_at          TIMESTAMPTZ,
    last_changed_at            TIMESTAMPTZ,
    last_position              BIGINT       NOT NULL,
    -- the whole folded state, so the next batch can continue from it
    view                       JSONB        NOT NULL
);
CREATE INDEX supervision_institution_division ON supervision_institution (division_code text_pattern_ops);
CREATE INDEX supervision_institution_status ON supervision_institution (status);
