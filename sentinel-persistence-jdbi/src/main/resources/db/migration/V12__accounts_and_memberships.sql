-- Sentinel schema, version 12: people's accounts, their recovery codes and single sign-on links, and project
-- memberships. Password hashes are Argon2id PHC strings; TOTP secrets are AES-256-GCM ciphertexts under the
-- key-encryption key (which never lives in the database); recovery codes are SHA-256 hashes. New tables only.

CREATE TABLE accounts (
    account_id        VARCHAR(32)  NOT NULL,
    email             VARCHAR(254) NOT NULL,
    display_name      VARCHAR(100) NOT NULL,
    password_hash     VARCHAR(512),
    is_owner          BOOLEAN      NOT NULL,
    totp_secret       VARCHAR(512),
    totp_confirmed_at TIMESTAMP WITH TIME ZONE,
    totp_last_step    BIGINT       DEFAULT 0 NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    disabled_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT accounts_pk PRIMARY KEY (account_id),
    CONSTRAINT accounts_email_uq UNIQUE (email)
);

CREATE TABLE account_recovery_codes (
    account_id VARCHAR(32)  NOT NULL,
    code_hash  VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT account_recovery_codes_pk PRIMARY KEY (account_id, code_hash),
    CONSTRAINT account_recovery_codes_account_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE CASCADE
);

-- One provider subject links to one account: (issuer, subject) is the key.
CREATE TABLE account_identities (
    issuer     VARCHAR(2000) NOT NULL,
    subject    VARCHAR(255)  NOT NULL,
    account_id VARCHAR(32)   NOT NULL,
    linked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_identities_pk PRIMARY KEY (issuer, subject),
    CONSTRAINT account_identities_account_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE CASCADE
);
CREATE INDEX account_identities_account_idx ON account_identities (account_id);

CREATE TABLE memberships (
    project    VARCHAR(64) NOT NULL,
    account_id VARCHAR(32) NOT NULL,
    role       VARCHAR(16) NOT NULL,
    since      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT memberships_pk PRIMARY KEY (project, account_id),
    CONSTRAINT memberships_project_fk FOREIGN KEY (project) REFERENCES projects (name) ON DELETE CASCADE,
    CONSTRAINT memberships_account_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE CASCADE
);
CREATE INDEX memberships_account_idx ON memberships (account_id);
