-- Sentinel schema, version 21: the projects' registered resources, the resource servers (MCP servers, APIs) that a
-- project's passes and people may ask tokens for. identifier is the RFC 8707 resource indicator (the tokens' aud),
-- unique across projects: one resource server belongs to one project. scopes is a JSON object {"scopes": [{"name",
-- "description", "min_role"}]}. Gone with its project. New table only.

CREATE TABLE resources (
    resource_id   VARCHAR(32)     NOT NULL,
    project       VARCHAR(64)     NOT NULL,
    identifier    VARCHAR(2000)   NOT NULL,
    name          VARCHAR(100)    NOT NULL,
    scopes        VARCHAR(65536)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT resources_pk PRIMARY KEY (resource_id),
    CONSTRAINT resources_identifier_uq UNIQUE (identifier),
    CONSTRAINT resources_project_fk FOREIGN KEY (project) REFERENCES projects (name) ON DELETE CASCADE
);

CREATE INDEX resources_project_idx ON resources (project);
