-- An Idempotency-Key survives a crash (ADR 0021).
-- Each execution of a keyed request is an attempt with an id and a lease. A retry may take over a
-- key whose attempt has no answer and whose lease ran out (its process died, or it failed with 5xx).
ALTER TABLE idempotent_request ADD COLUMN attempt_id VARCHAR(36);
ALTER TABLE idempotent_request ADD COLUMN lease_until TIMESTAMPTZ;

-- The commands a keyed request executed, written in the same transaction as their events: after a
-- crash a retry reuses these results instead of executing the commands again.
CREATE TABLE idempotent_command (
    caller_id       VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    ordinal         INTEGER      NOT NULL,
    aggregate_id    VARCHAR(255),
    answered_id     VARCHAR(255),
    result_type     VARCHAR(500),
    result_json     TEXT,
    committed_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller_id, idempotency_key, ordinal)
);
