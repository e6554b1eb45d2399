-- E-license integration (issue 6).

-- Business licences waiting to be verified with the e-license platform. A row is added when a
-- filing is submitted and removed when the platform has answered; while the platform is down the
-- row is retried with backoff, so no verification is lost.
CREATE TABLE licence_check (
    institution_id VARCHAR(36)  NOT NULL PRIMARY KEY,
    credit_code    VARCHAR(18)  NOT NULL,
    licence_number VARCHAR(200),
    attempts       INTEGER      NOT NULL DEFAULT 0,
    due_at         TIMESTAMPTZ  NOT NULL,
    locked_until   TIMESTAMPTZ,
    last_error     VARCHAR(500)
);
CREATE INDEX licence_check_due ON licence_check (due_at);

-- Nonces of signed e-license notifications, against replay.
CREATE TABLE elicense_nonce (
    platform_id VARCHAR(64)  NOT NULL,
    nonce       VARCHAR(128) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (platform_id, nonce)
);
