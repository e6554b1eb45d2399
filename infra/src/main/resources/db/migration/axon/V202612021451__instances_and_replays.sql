-- Several instances on one store (ADR 0024).
-- Each running instance renews its row every careledger.cluster.heartbeat; the instances whose row
-- has not run out share every processor's segments between them.
CREATE TABLE careledger_instance (
    instance_id VARCHAR(255) PRIMARY KEY,
    started_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    seen_until  TIMESTAMPTZ  NOT NULL
);

-- A replay asked for on one instance: the other instances stop the processor (giving back their
-- segments) until the requesting instance has reset its tokens, then start it again.
CREATE TABLE processor_replay (
    processor_name VARCHAR(255) PRIMARY KEY,
    request_id     VARCHAR(36)  NOT NULL,
    requested_by   VARCHAR(255) NOT NULL,
    requested_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    done_at        TIMESTAMPTZ
);
