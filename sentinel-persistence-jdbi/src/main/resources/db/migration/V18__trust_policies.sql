-- Sentinel schema, version 18: the projects' trust policies for workload identity federation. A policy trusts the
-- tokens of one issuer (keys from its discovery, a jwks_uri, or a static JWK set of public keys only) meant for an
-- audience, not older than max_token_age_seconds, whose claims satisfy the conditions (a JSON object of JSON Pointer to
-- value or * glob), as the credential of one pass of the same project. Gone with its pass or its project. New table
-- only.

CREATE TABLE trust_policies (
    policy_id             VARCHAR(32)     NOT NULL,
    project               VARCHAR(64)     NOT NULL,
    issuer                VARCHAR(500)    NOT NULL,
    key_source            VARCHAR(16)     NOT NULL,
    jwks_uri              VARCHAR(500),
    jwks                  VARCHAR(262144),
    audience              VARCHAR(500)    NOT NULL,
    conditions            VARCHAR(65536)  NOT NULL,
    max_token_age_seconds INTEGER         NOT NULL,
    pass_id               VARCHAR(32)     NOT NULL,
    description           VARCHAR(500),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT trust_policies_pk PRIMARY KEY (policy_id),
    CONSTRAINT trust_policies_key_source_ck CHECK (key_source IN ('discovery', 'jwks_uri', 'jwks')),
    CONSTRAINT trust_policies_project_fk FOREIGN KEY (project) REFERENCES projects (name) ON DELETE CASCADE,
    CONSTRAINT trust_policies_pass_fk FOREIGN KEY (pass_id) REFERENCES passes (pass_id) ON DELETE CASCADE
);

CREATE INDEX trust_policies_issuer_idx ON trust_policies (issuer);
CREATE INDEX trust_policies_project_idx ON trust_policies (project);
CREATE INDEX trust_policies_pass_idx ON trust_policies (pass_id);
