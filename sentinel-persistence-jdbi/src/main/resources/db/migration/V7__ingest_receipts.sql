-- Sentinel schema, version 7: receipts of ingest batches sent with an Idempotency-Key, kept 24 hours, so that a
-- retried batch is stored once whichever node receives it. Adds a table only: nodes of the previous version keep working.

CREATE TABLE ingest_receipts (
    scope           VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    body_digest     VARCHAR(128) NOT NULL,
    accepted        INTEGER      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ingest_receipts_pk PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX ingest_receipts_created_idx ON ingest_receipts (created_at);
