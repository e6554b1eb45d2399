-- Rate limits shared by every instance of one store (docs/security.md, docs/scale-out.md).
-- One row per limiter, client key (an IP or a token subject) and fixed window: the window's number
-- is the database clock's epoch milliseconds divided by the limiter's period, so every instance
-- counts into the same row. Each request (or 401, for authentication failures) adds one with an
-- upsert; rows whose window has ended are purged.
CREATE TABLE rate_limit_window (
    limiter    VARCHAR(32)  NOT NULL,
    client_key VARCHAR(255) NOT NULL,
    window_no  BIGINT       NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    hits       INTEGER      NOT NULL,
    PRIMARY KEY (limiter, client_key, window_no)
);

CREATE INDEX rate_limit_window_expires ON rate_limit_window (expires_at);
