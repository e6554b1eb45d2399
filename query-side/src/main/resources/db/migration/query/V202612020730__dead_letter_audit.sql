-- Every retry and eviction of a parked event (dead letter) by an administrator (ADR 0018): who,
-- when, which event of which projection, and what came of it. Rows are only ever added.
CREATE TABLE dead_letter_audit (
    audit_id             BIGSERIAL     NOT NULL PRIMARY KEY,
    at                   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    actor_id             VARCHAR(255)  NOT NULL,
    actor_role           VARCHAR(32)   NOT NULL,
    action               VARCHAR(16)   NOT NULL CHECK (action IN ('RETRY', 'EVICT')),
    dead_letter_id       VARCHAR(255)  NOT NULL,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    -- PROJECTED (the retried sequence was applied), STILL_PARKED (it failed again), EVICTED
    outcome              VARCHAR(16)   NOT NULL,
    detail               TEXT
);
CREATE INDEX dead_letter_audit_at ON dead_letter_audit (at DESC, audit_id DESC);
