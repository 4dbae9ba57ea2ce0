-- Sentinel schema, version 11: projects are records. Every project named by an existing pass becomes one, created
-- when its oldest pass was; passes then refer to their project, so a project that holds passes cannot be deleted.
-- Not a rolling upgrade (see CHANGELOG.md): a node of the previous version creating a pass in a new project would be
-- refused by the foreign key.

CREATE TABLE projects (
    name         VARCHAR(64)  NOT NULL,
    display_name VARCHAR(100),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT projects_pk PRIMARY KEY (name)
);

INSERT INTO projects (name, display_name, created_at)
    SELECT project, NULL, MIN(created_at) FROM passes GROUP BY project;

ALTER TABLE passes ADD CONSTRAINT passes_project_fk FOREIGN KEY (project) REFERENCES projects (name);
