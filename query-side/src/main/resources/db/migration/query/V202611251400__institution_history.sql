-- Which events concern which institution (issue 5): the inspector's history, as-of state and diff
-- read the events through this index. Rebuilt from the events by replaying `institution-history`.
CREATE TABLE institution_history (
    institution_id VARCHAR(36)  NOT NULL,
    global_index   BIGINT       NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    business_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (institution_id, global_index)
);
CREATE INDEX institution_history_business ON institution_history (institution_id, business_at, global_index);
