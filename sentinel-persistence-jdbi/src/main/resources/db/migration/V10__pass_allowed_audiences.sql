-- Sentinel schema, version 10: the audiences a pass may ask tokens for (RFC 8707 resource indicators), absolute URIs
-- separated by single spaces, at most 20 of at most 2,000 characters each; empty means the server's default audience.
-- Adds a column with a default only: existing passes keep the default audience, and nodes of the previous version keep
-- working (they never write the column).

ALTER TABLE passes ADD COLUMN allowed_audiences VARCHAR(40960) DEFAULT '' NOT NULL;
