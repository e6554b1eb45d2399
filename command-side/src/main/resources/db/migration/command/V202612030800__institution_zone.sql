-- The configured local zone (docs/domain.md, rule F7) an institution is filed in, beside its
-- division: written with the filing and each amendment, read by the subsidy engine and the
-- enrolment policies. Null: outside any zone (every institution filed before zones existed).
ALTER TABLE institution_credit_code ADD COLUMN zone_id VARCHAR(40);
