-- An operator cannot locate a child held by another institution (docs/domain.md, rule P4): each
-- institution that registers a citizen ID gets its own child reference. The keyed hash of the ID
-- stays the person key that "one active enrolment per child" is held on, across institutions.
ALTER TABLE child_identity DROP CONSTRAINT child_identity_pkey;
ALTER TABLE child_identity ADD COLUMN institution_id VARCHAR(36);
-- rows from before: no institution recorded; a re-registration by their institution makes a new reference
CREATE UNIQUE INDEX child_identity_per_institution ON child_identity (citizen_hmac, COALESCE(institution_id, ''));

ALTER TABLE enrolment ADD COLUMN person_key VARCHAR(80);
UPDATE enrolment e SET person_key = ci.citizen_hmac FROM child_identity ci WHERE ci.child_ref = e.child_ref;
UPDATE enrolment SET person_key = 'child:' || child_ref WHERE person_key IS NULL;
ALTER TABLE enrolment ALTER COLUMN person_key SET NOT NULL;
DROP INDEX enrolment_one_active_per_child;
CREATE UNIQUE INDEX enrolment_one_active_per_person ON enrolment (person_key) WHERE active;
