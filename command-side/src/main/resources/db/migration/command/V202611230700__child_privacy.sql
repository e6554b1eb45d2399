-- Children's personal data (issue 3): a protected store, encrypted per child (ADR 0011).

-- The child's data key, wrapped (AES-GCM) by the master key. Erasure deletes this row: the
-- encrypted personal data below then cannot be read by anyone, and history stays intact.
CREATE TABLE child_key (
    child_ref    VARCHAR(36) NOT NULL PRIMARY KEY,
    wrapped_key  BYTEA       NOT NULL,
    key_version  INTEGER     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Encrypted records under the child's key: the identity, later health details.
CREATE TABLE child_personal_data (
    child_ref    VARCHAR(36) NOT NULL,
    record       VARCHAR(64) NOT NULL,
    iv           BYTEA       NOT NULL,
    ciphertext   BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (child_ref, record)
);

-- Keyed hash (HMAC-SHA256) of the citizen ID, never the ID itself: finds the same child again.
CREATE TABLE child_identity (
    citizen_hmac VARCHAR(64) NOT NULL PRIMARY KEY,
    child_ref    VARCHAR(36) NOT NULL UNIQUE
);
