-- Care views (issue 3): enrolled children per institution next to its places, and attendance per
-- child and day for utilisation (attended days / recorded days). Both are rebuilt from events.
ALTER TABLE supervision_institution ADD COLUMN enrolled INTEGER NOT NULL DEFAULT 0;

CREATE TABLE attendance_child_day (
    institution_id VARCHAR(36) NOT NULL,
    day            DATE        NOT NULL,
    child_ref      VARCHAR(36) NOT NULL,
    present        BOOLEAN     NOT NULL,
    last_position  BIGINT      NOT NULL,
    PRIMARY KEY (institution_id, day, child_ref)
);
