-- Sentinel schema, version 16: one-time set-up links with which a person without a password chooses one (the first
-- owner of a new store, recovery). Stored as the SHA-256 hash of the token (never the token), valid until expires_at,
-- used once (used_at). A link without an account is the first-run link of a new store: it creates the owner account.
-- New table only.

CREATE TABLE setup_links (
    token_hash VARCHAR(100) NOT NULL,
    account_id VARCHAR(32),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT setup_links_pk PRIMARY KEY (token_hash),
    CONSTRAINT setup_links_account_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE CASCADE
);

CREATE INDEX setup_links_account_idx ON setup_links (account_id);
