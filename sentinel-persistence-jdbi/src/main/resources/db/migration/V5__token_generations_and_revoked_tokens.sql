-- Sentinel schema, version 5: a pass's token generation, and the deny-list of revoked access tokens in a table of its
-- own (it was kept in settings as revoked_jti:<jti>; version 6 moves those rows here).

-- Advanced by every change that ends the pass's tokens (toggle off, revoke, regenerate without grace); tokens carry it.
ALTER TABLE passes ADD COLUMN generation BIGINT DEFAULT 0 NOT NULL;

CREATE TABLE revoked_tokens (
    jti        VARCHAR(128) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT revoked_tokens_pk PRIMARY KEY (jti)
);
CREATE INDEX revoked_tokens_expires_idx ON revoked_tokens (expires_at);
