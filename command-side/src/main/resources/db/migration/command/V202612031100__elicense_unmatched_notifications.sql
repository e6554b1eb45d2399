-- E-license notifications about a credit code no institution is registered with: nothing is
-- written to the event store (no institution's stream to write to), but the notification is kept
-- here, once per platform and notification id, so that a repeated delivery is answered as a
-- duplicate (docs/e-license.md) and operators can see what the platforms sent about unknown codes.
CREATE TABLE elicense_unmatched_notification (
    platform_id     VARCHAR(64)  NOT NULL,
    notification_id VARCHAR(128) NOT NULL,
    credit_code     VARCHAR(18)  NOT NULL,
    change          VARCHAR(16)  NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (platform_id, notification_id)
);
