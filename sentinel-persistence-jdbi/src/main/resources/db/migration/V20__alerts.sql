-- Sentinel schema, version 20: alert rules of projects, the alerts they fired (one row per episode, open while
-- cleared_at is null), and the one lease row that lets one node of a cluster evaluate the rules at a time (taken with
-- a conditional update). New tables only.

CREATE TABLE alert_rules (
    rule_id            VARCHAR(32)  NOT NULL,
    project            VARCHAR(64)  NOT NULL,
    kind               VARCHAR(32)  NOT NULL,
    pass_ids           VARCHAR(2000) NOT NULL,
    error_rate_percent DOUBLE PRECISION NOT NULL,
    window_minutes     INTEGER      NOT NULL,
    min_requests       INTEGER      NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT alert_rules_pk PRIMARY KEY (rule_id)
);

CREATE INDEX alert_rules_project_idx ON alert_rules (project);

CREATE TABLE alerts (
    alert_id   VARCHAR(32)  NOT NULL,
    rule_id    VARCHAR(32)  NOT NULL,
    project    VARCHAR(64)  NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    pass_id    VARCHAR(32)  NOT NULL,
    stage      VARCHAR(16)  NOT NULL,
    detail     VARCHAR(500) NOT NULL,
    fired_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    cleared_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT alerts_pk PRIMARY KEY (alert_id),
    CONSTRAINT alerts_rule_fk FOREIGN KEY (rule_id) REFERENCES alert_rules (rule_id) ON DELETE CASCADE
);

CREATE INDEX alerts_rule_idx ON alerts (rule_id, cleared_at);
CREATE INDEX alerts_project_idx ON alerts (project, fired_at);

CREATE TABLE alert_lease (
    lease_name  VARCHAR(32) NOT NULL,
    holder      VARCHAR(64),
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT alert_lease_pk PRIMARY KEY (lease_name)
);

INSERT INTO alert_lease (lease_name, holder, lease_until) VALUES ('evaluation', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
