-- Sentinel schema, version 15: signed-in sessions of accounts, kept in the store so that every node of one database
-- sees a sign-in and a sign-out at once. Only the SHA-256 hash of the session secret is stored (never the secret, and
-- nothing the per-session CSRF token can be derived from). New table only.

CREATE TABLE sessions (
    session_id     VARCHAR(32)  NOT NULL,
    secret_hash    VARCHAR(100) NOT NULL,
    account_id     VARCHAR(32)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    address        VARCHAR(200),
    user_agent     VARCHAR(200),
    method         VARCHAR(16)  NOT NULL,
    enrolment_only BOOLEAN      NOT NULL,
    CONSTRAINT sessions_pk PRIMARY KEY (session_id),
    CONSTRAINT sessions_secret_uq UNIQUE (secret_hash),
    CONSTRAINT sessions_account_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE CASCADE
);

CREATE INDEX sessions_account_idx ON sessions (account_id);
