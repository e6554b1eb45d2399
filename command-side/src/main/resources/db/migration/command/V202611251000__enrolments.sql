-- Enrolments (issue 3): the command side's index across institutions, written in the same
-- transaction as the enrolment events. It holds "one active enrolment per child" as a unique
-- index and answers which children are enrolled on a day for attendance (ADR 0013).
CREATE TABLE enrolment (
    enrolment_id    VARCHAR(36) NOT NULL PRIMARY KEY,
    child_ref       VARCHAR(36) NOT NULL,
    institution_id  VARCHAR(36) NOT NULL,
    class_id        VARCHAR(64) NOT NULL,
    birth_month     DATE        NOT NULL,
    starts_on       DATE        NOT NULL,
    -- last day of care: the contract's end (or the day before age-out), or the day it ended early
    ends_on         DATE        NOT NULL,
    active          BOOLEAN     NOT NULL,
    ended_reason    VARCHAR(32)
);

CREATE UNIQUE INDEX enrolment_one_active_per_child ON enrolment (child_ref) WHERE active;
CREATE INDEX enrolment_by_institution ON enrolment (institution_id, starts_on);
CREATE INDEX enrolment_active_by_end ON enrolment (ends_on) WHERE active;

-- The last day each child was present in care, for the re-check after more than 3 months away.
CREATE TABLE child_presence (
    child_ref       VARCHAR(36) NOT NULL PRIMARY KEY,
    last_present_on DATE        NOT NULL
);
