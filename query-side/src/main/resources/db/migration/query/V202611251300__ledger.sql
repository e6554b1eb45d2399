-- Tamper-evident ledger (docs/ledger.md, ADR 0012): a SHA-256 hash chain over every row of
-- domain_event_entry in global_index order, written by the ledger processor, and the roots it
-- publishes. Hashes are 32 raw bytes (encode(link_hash, 'hex') to read them).

-- One link per chained event. link_hash = SHA-256(previous_link_hash || content_hash); the first
-- link's previous_link_hash is 32 zero bytes.
CREATE TABLE ledger_link (
    global_index        BIGINT       NOT NULL PRIMARY KEY,
    event_identifier    VARCHAR(255) NOT NULL UNIQUE,
    content_hash        BYTEA        NOT NULL CHECK (octet_length(content_hash) = 32),
    previous_link_hash  BYTEA        NOT NULL CHECK (octet_length(previous_link_hash) = 32),
    link_hash           BYTEA        NOT NULL CHECK (octet_length(link_hash) = 32),
    -- the institutionId of the event's metadata when it has one: finds an institution's events
    -- for its evidence bundle (not hashed; the bundle carries the rows themselves)
    institution_id      TEXT
);
CREATE INDEX ledger_link_institution ON ledger_link (institution_id, global_index) WHERE institution_id IS NOT NULL;

-- Published roots: the chain's head at a moment, numbered 1, 2, 3, ...
CREATE TABLE ledger_root (
    root_id            BIGINT      NOT NULL PRIMARY KEY,
    last_global_index  BIGINT      NOT NULL UNIQUE REFERENCES ledger_link (global_index),
    link_hash          BYTEA       NOT NULL CHECK (octet_length(link_hash) = 32),
    created_at         TIMESTAMPTZ NOT NULL,
    -- SHA-256 over (root_id, last_global_index, link_hash, created_at), see LedgerRoot
    root_hash          BYTEA       NOT NULL CHECK (octet_length(root_hash) = 32)
);
