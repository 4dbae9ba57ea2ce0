-- Sentinel schema, version 17: passes whose client authenticates with private_key_jwt (RFC 7523) instead of a secret,
-- and the replay cache of their client assertions.
--
-- A pass of credential_type private_key_jwt holds public keys: an inline JWK set (jwks, the public keys as stored:
-- JSON with a keys array, at most 100 keys) or the https address of one (jwks_uri), never both; every other pass has
-- neither. accept_token_endpoint_audience lets its assertions name the token endpoint URL as aud besides the issuer.
-- Adds nullable columns and one with a default only: existing passes keep their secrets and nothing else changes.
--
-- used_client_assertions remembers each accepted assertion's jti per client until the assertion expires, so an
-- assertion is accepted once on every node; expired rows are deleted by the housekeeping that prunes revoked tokens.
-- New table only.

ALTER TABLE passes ADD COLUMN jwks VARCHAR(262144);
ALTER TABLE passes ADD COLUMN jwks_uri VARCHAR(2000);
ALTER TABLE passes ADD COLUMN accept_token_endpoint_audience BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE used_client_assertions (
    client_id  VARCHAR(64)  NOT NULL,
    jti        VARCHAR(200) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT used_client_assertions_pk PRIMARY KEY (client_id, jti)
);
CREATE INDEX used_client_assertions_expires_idx ON used_client_assertions (expires_at);
