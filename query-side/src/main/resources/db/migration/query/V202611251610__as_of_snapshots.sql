-- Snapshots of an institution's folded state for the inspector's as-of reconstruction (issue 7,
-- docs/adr/0016-as-of-snapshots.md): derived from institution_history by the `institution-history`
-- projection, cleared by its reset and rebuilt by its replay. The view is InstitutionViewJson text.

-- RECORDED reading: the state after every state event with global_index <= position; usable as of
-- any instant from max_recorded_at (the latest recording among those events).
CREATE TABLE institution_snapshot_recorded (
    institution_id  VARCHAR(36) NOT NULL,
    position        BIGINT      NOT NULL,
    max_recorded_at TIMESTAMPTZ NOT NULL,
    view            TEXT        NOT NULL,
    PRIMARY KEY (institution_id, position)
);

-- BUSINESS reading: the state after the filing and every state event up to the cut (business time,
-- then global index), folded in that order; sequence is the reducer counter reached; usable as of
-- any instant from max_business_at. Deleted when an event before the cut is recorded later.
CREATE TABLE institution_snapshot_business (
    institution_id  VARCHAR(36) NOT NULL,
    cut_business_at TIMESTAMPTZ NOT NULL,
    cut_position    BIGINT      NOT NULL,
    sequence        BIGINT      NOT NULL,
    max_business_at TIMESTAMPTZ NOT NULL,
    view            TEXT        NOT NULL,
    PRIMARY KEY (institution_id, cut_business_at, cut_position)
);
