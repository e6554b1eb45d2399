-- Staff members are aggregates of their own since the split of Institution (ADR 0023). Those
-- registered before it have their first events in their institution's stream, which is never
-- rewritten (the ledger hashes every row's stream and sequence number): this table says in which
-- institution's stream each of them is found. Filled once, here, from the stored events; staff
-- registered after the split have streams of their own and need no row.
CREATE TABLE legacy_staff_stream (
    staff_ref       VARCHAR(36) NOT NULL PRIMARY KEY,
    institution_id  VARCHAR(36) NOT NULL
);

INSERT INTO legacy_staff_stream (staff_ref, institution_id)
SELECT DISTINCT ON (staff_ref) staff_ref, aggregate_identifier
FROM (SELECT convert_from(payload, 'UTF8')::jsonb ->> 'staffRef' AS staff_ref, aggregate_identifier, global_index
      FROM domain_event_entry
      WHERE payload_type = 'org.careledger.kernel.staff.StaffMemberRegistered') registered
WHERE staff_ref IS NOT NULL
ORDER BY staff_ref, global_index
ON CONFLICT DO NOTHING;
