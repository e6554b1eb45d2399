-- Background workers that must run on one instance at a time (ADR 0024): the instance that holds a
-- worker's lease runs it and renews the lease on every run; when it stops renewing (it died), the
-- lease runs out and another instance takes the worker over.
CREATE TABLE worker_lease (
    worker      VARCHAR(100) PRIMARY KEY,
    owner       VARCHAR(255) NOT NULL,
    lease_until TIMESTAMPTZ  NOT NULL,
    taken_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
