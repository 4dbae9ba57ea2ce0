-- Sentinel schema, version 9: a pass may be bound to networks. allowed_ips holds the canonical CIDR blocks separated
-- by commas (at most 50 blocks of at most 43 characters); NULL means any address, which every existing pass keeps.
-- A column added with no default: nodes of the previous version keep working and never see it.

ALTER TABLE passes ADD COLUMN allowed_ips VARCHAR(2500);
