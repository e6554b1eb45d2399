-- The same child-month is never paid twice (docs/domain.md, rule S1): each day a subsidy case
-- covers, per institution and kind, belongs to one case. Written in the same transaction as the
-- case's first event; a rejected case deletes its rows.
CREATE TABLE subsidy_period_claim (
    institution_id  VARCHAR(36) NOT NULL,
    kind            VARCHAR(32) NOT NULL,
    day             DATE        NOT NULL,
    case_id         VARCHAR(200) NOT NULL,
    PRIMARY KEY (institution_id, kind, day)
);

CREATE INDEX subsidy_period_claim_by_case ON subsidy_period_claim (case_id);
