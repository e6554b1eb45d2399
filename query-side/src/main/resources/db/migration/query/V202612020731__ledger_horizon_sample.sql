-- When the ledger processor first saw each highest global_index (ADR 0018). A hole in global_index
-- is passed once a higher index has been known for careledger.ledger.gap-settle-time; keeping the
-- first sighting here rather than in memory lets restarts faster than that still pass holes.
-- Times are the database's clock, so they hold across restarts and instances. Samples below the
-- settled horizon are pruned as the ledger advances.
CREATE TABLE ledger_horizon_sample (
    highest_index  BIGINT       NOT NULL PRIMARY KEY,
    observed_at    TIMESTAMPTZ  NOT NULL
);
