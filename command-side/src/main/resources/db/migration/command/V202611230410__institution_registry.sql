-- Command-side lookup tables for set validation, written in the same transaction as the events.

-- One institution per unified social credit code.
CREATE TABLE institution_credit_code (
    credit_code    VARCHAR(18)  NOT NULL PRIMARY KEY,
    institution_id VARCHAR(36)  NOT NULL UNIQUE,
    division_code  VARCHAR(6)   NOT NULL,
    claimed_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Filing-number serials per division and year.
CREATE TABLE filing_number_serial (
    division_code VARCHAR(6) NOT NULL,
    year          INTEGER    NOT NULL,
    last_serial   BIGINT     NOT NULL,
    PRIMARY KEY (division_code, year)
);
