-- Subsidy cases opened before V202612021110 have no period claims, so on a store that existed
-- then, a new application could still overlap an old case (docs/domain.md, rule S1). This
-- backfill claims the days of every existing case from its first event, SubsidyDecisionComputed
-- (stored as Jackson JSON), exactly as an application claims them today:
--   * a case that was rejected without ever being approved holds no days (SubsidyCase releases
--     them at that rejection);
--   * where two old cases overlap, the earlier one (by global index) holds the shared days; the
--     later one keeps its decision, and the overlap is visible in subsidy_period_claim_backfill_overlap.
-- On a new store the event table is empty and nothing happens.
CREATE TABLE IF NOT EXISTS subsidy_period_claim_backfill_overlap (
    case_id        VARCHAR(200) NOT NULL,
    held_by        VARCHAR(200) NOT NULL,
    day            DATE         NOT NULL,
    PRIMARY KEY (case_id, day)
);

CREATE TEMPORARY TABLE subsidy_case_days ON COMMIT DROP AS
SELECT c.global_index,
       c.p ->> 'institutionId' AS institution_id,
       c.p ->> 'kind'          AS kind,
       c.p ->> 'caseId'        AS case_id,
       d::date                 AS day
FROM (SELECT e.global_index, convert_from(e.payload, 'UTF8')::jsonb AS p
      FROM domain_event_entry e
      WHERE e.payload_type = 'org.careledger.kernel.subsidy.SubsidyDecisionComputed'
        AND NOT (EXISTS (SELECT 1 FROM domain_event_entry r
                         WHERE r.aggregate_identifier = e.aggregate_identifier
                           AND r.payload_type = 'org.careledger.kernel.subsidy.SubsidyRejected')
                 AND NOT EXISTS (SELECT 1 FROM domain_event_entry a
                                 WHERE a.aggregate_identifier = e.aggregate_identifier
                                   AND a.payload_type = 'org.careledger.kernel.subsidy.SubsidyApproved'))) c,
     generate_series((c.p ->> 'periodFrom')::date, (c.p ->> 'periodTo')::date, interval '1 day') AS d;

INSERT INTO subsidy_period_claim (institution_id, kind, day, case_id)
SELECT DISTINCT ON (institution_id, kind, day) institution_id, kind, day, case_id
FROM subsidy_case_days
ORDER BY institution_id, kind, day, global_index
ON CONFLICT (institution_id, kind, day) DO NOTHING;

INSERT INTO subsidy_period_claim_backfill_overlap (case_id, held_by, day)
SELECT d.case_id, c.case_id, d.day
FROM subsidy_case_days d
JOIN subsidy_period_claim c ON c.institution_id = d.institution_id AND c.kind = d.kind AND c.day = d.day
WHERE c.case_id <> d.case_id
ON CONFLICT DO NOTHING;
