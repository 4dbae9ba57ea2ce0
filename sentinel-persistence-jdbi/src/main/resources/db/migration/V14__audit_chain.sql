-- Sentinel schema, version 14: the audit trail becomes a tamper-evident chain. Each entry gets its project, a
-- sequence number without gaps (chain_seq) and a MAC (an HMAC-SHA256 over its content and the previous MAC, keyed
-- from the key-encryption key, computed by the application). One row of audit_chain holds the head: appends lock it
-- (SELECT ... FOR UPDATE), so nodes append one at a time.
--
-- Entries written by earlier releases have no MAC, and a migration cannot compute one (the key never lives in the
-- database): they are numbered 1..N in their order and recorded as "before the chain" (legacy_through = N). The
-- chain starts at entry N + 1, whose MAC is bound to N, so that count cannot be changed either; verification reports
-- the older entries and does not vouch for them. Not a rolling upgrade: a node of the previous version would write
-- entries without a sequence number.

ALTER TABLE audit_entries ADD COLUMN project VARCHAR(64);
ALTER TABLE audit_entries ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_entries ADD COLUMN mac VARCHAR(64);

UPDATE audit_entries SET chain_seq = (SELECT COUNT(*) FROM audit_entries older WHERE older.id <= audit_entries.id);
ALTER TABLE audit_entries ALTER COLUMN chain_seq SET NOT NULL;

CREATE UNIQUE INDEX audit_entries_seq_uq ON audit_entries (chain_seq);
CREATE INDEX audit_entries_project_idx ON audit_entries (project, chain_seq);
CREATE INDEX audit_entries_at_idx ON audit_entries (recorded_at);
CREATE INDEX audit_entries_actor_idx ON audit_entries (actor, chain_seq);

CREATE TABLE audit_chain (
    id                   INTEGER NOT NULL,
    head_seq             BIGINT  NOT NULL,
    head_mac             VARCHAR(64),
    legacy_through       BIGINT  NOT NULL,
    checkpoint_seq       BIGINT,
    checkpoint_mac       VARCHAR(64),
    checkpoint_at        TIMESTAMP WITH TIME ZONE,
    checkpoint_signature VARCHAR(64),
    CONSTRAINT audit_chain_pk PRIMARY KEY (id),
    CONSTRAINT audit_chain_one_row CHECK (id = 1)
);

INSERT INTO audit_chain (id, head_seq, head_mac, legacy_through)
    SELECT 1, COUNT(*), NULL, COUNT(*) FROM audit_entries;
