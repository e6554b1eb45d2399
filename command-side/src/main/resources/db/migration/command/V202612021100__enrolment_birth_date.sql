-- Ages are counted to the day (docs/domain.md, rule A1): the index keeps the child's birth date
-- so the age-out worker and the upcoming age-out alert know the exact day. Null for enrolments
-- recorded before (their ages are counted from the birth month's first day).
ALTER TABLE enrolment ADD COLUMN birth_date DATE;
