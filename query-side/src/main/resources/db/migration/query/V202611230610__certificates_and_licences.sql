-- Filing certificates as published for verification, and the licence view behind supervision alerts.
CREATE TABLE filing_certificate (
    certificate_number  VARCHAR(33)  NOT NULL PRIMARY KEY,
    institution_id      VARCHAR(36)  NOT NULL,
    filing_number       VARCHAR(18)  NOT NULL,
    institution_name    TEXT         NOT NULL,
    credit_code         VARCHAR(18)  NOT NULL,
    division_code       VARCHAR(6)   NOT NULL,
    issuer_credit_code  VARCHAR(18)  NOT NULL,
    issued_at           VARCHAR(40)  NOT NULL,
    key_id              VARCHAR(64)  NOT NULL,
    signature           TEXT         NOT NULL,
    status              VARCHAR(20)  NOT NULL,
    status_changed_at   TIMESTAMPTZ,
    last_position       BIGINT       NOT NULL
);
CREATE INDEX filing_certificate_institution ON filing_certificate (institution_id);

CREATE TABLE licence_view (
    institution_id   VARCHAR(36)  NOT NULL PRIMARY KEY,
    name             TEXT         NOT NULL,
    division_code    VARCHAR(6)   NOT NULL,
    licence_status   VARCHAR(20)  NOT NULL,
    licence_number   VARCHAR(100),
    valid_until      DATE,
    flagged_change   VARCHAR(20),
    flagged_detail   TEXT,
    flagged_at       TIMESTAMPTZ,
    last_position    BIGINT       NOT NULL
);
CREATE INDEX licence_view_division ON licence_view (division_code text_pattern_ops);
