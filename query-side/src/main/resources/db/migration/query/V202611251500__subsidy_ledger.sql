-- Subsidy ledger (issue 4): one row per case with its running totals, and one row per decision
-- (the computed decision and each supplement or clawback) with its basis for explanations.
CREATE TABLE subsidy_case (
    case_id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    institution_id   VARCHAR(36)  NOT NULL,
    division_code    VARCHAR(6)   NOT NULL,
    kind             VARCHAR(40)  NOT NULL,
    period_from      DATE         NOT NULL,
    period_to        DATE         NOT NULL,
    status           VARCHAR(30)  NOT NULL,
    computed_fen     BIGINT       NOT NULL,
    approved_fen     BIGINT       NOT NULL,
    paid_fen         BIGINT       NOT NULL,
    policy_id        VARCHAR(100) NOT NULL,
    policy_version   INTEGER      NOT NULL,
    decided_at       TIMESTAMPTZ  NOT NULL,
    last_position    BIGINT       NOT NULL
);
CREATE INDEX subsidy_case_division ON subsidy_case (division_code text_pattern_ops, period_from);
CREATE INDEX subsidy_case_institution ON subsidy_case (institution_id);

CREATE TABLE subsidy_decision (
    case_id          VARCHAR(36)  NOT NULL,
    position         BIGINT       NOT NULL,
    decision         VARCHAR(30)  NOT NULL,
    delta_fen        BIGINT       NOT NULL,
    amount_fen       BIGINT       NOT NULL,
    basis            JSONB        NOT NULL,
    decided_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (case_id, position)
);
