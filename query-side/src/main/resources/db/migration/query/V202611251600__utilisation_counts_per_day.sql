-- Utilisation counts per institution and day (ADR 0015): the utilisation figures only ever read
-- "attended" and "recorded" child-days, so one row per (institution, day) replaces one row per
-- (institution, day, child). Counters are made idempotent by the last position applied and the
-- ids of the events applied at it (two events can share a tracking token's position).
CREATE TABLE attendance_day (
    institution_id VARCHAR(36) NOT NULL,
    day            DATE        NOT NULL,
    recorded       INTEGER     NOT NULL,
    attended       INTEGER     NOT NULL,
    last_position  BIGINT      NOT NULL,
    last_event_ids TEXT[]      NOT NULL,
    PRIMARY KEY (institution_id, day)
);

-- Carry the existing view over (no event id is known at its last position; an event covered by the
-- processor's token is never redelivered). A replay of "utilisation" rebuilds it from the events.
INSERT INTO attendance_day (institution_id, day, recorded, attended, last_position, last_event_ids)
SELECT institution_id, day, count(*), count(*) FILTER (WHERE present), max(last_position), '{}'
FROM attendance_child_day
GROUP BY institution_id, day;

DROP TABLE attendance_child_day;
