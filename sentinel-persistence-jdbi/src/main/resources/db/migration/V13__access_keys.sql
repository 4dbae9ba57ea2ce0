-- Sentinel schema, version 13: access keys for automation, stored as the SHA-256 hash of the key (never the key), with
-- the projects they hold their role in. New tables only.

CREATE TABLE access_keys (
    key_id       VARCHAR(32)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    key_hash     VARCHAR(100) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT access_keys_pk PRIMARY KEY (key_id),
    CONSTRAINT access_keys_hash_uq UNIQUE (key_hash)
);

CREATE TABLE access_key_projects (
    key_id  VARCHAR(32) NOT NULL,
    project VARCHAR(64) NOT NULL,
    CONSTRAINT access_key_projects_pk PRIMARY KEY (key_id, project),
    CONSTRAINT access_key_projects_key_fk FOREIGN KEY (key_id) REFERENCES access_keys (key_id) ON DELETE CASCADE,
    CONSTRAINT access_key_projects_project_fk FOREIGN KEY (project) REFERENCES projects (name) ON DELETE CASCADE
);
