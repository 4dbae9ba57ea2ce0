-- Sentinel schema, version 8: blocks that end at the same instant are read newest written first (by id), straight from
-- the index, so that a page decodes only the blocks it needs even when thousands of events share one instant.
-- An index change only: nodes of the previous version keep working.

CREATE INDEX activity_blocks_pass_time_id_idx ON activity_blocks (pass_id, last_at, id);
DROP INDEX activity_blocks_pass_time_idx;
