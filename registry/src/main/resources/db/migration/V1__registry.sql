-- Node registry: operators, applications, nodes, software versions, deployments, audit log.
-- Status columns hold enum names; CHECK constraints keep them honest for every writer.

CREATE TABLE operators (
    id          TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    contact     TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE node_applications (
    id               TEXT PRIMARY KEY,
    operator_name    TEXT        NOT NULL,
    contact          TEXT        NOT NULL,
    tier             TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    region           TEXT        NOT NULL,
    signing_address  TEXT,
    status           TEXT        NOT NULL CHECK (status IN ('IN_REVIEW', 'APPROVED', 'REJECTED', 'EXPIRED', 'REGISTERED')),
    workflow_id      TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    row_version      BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE software_versions (
    tier          TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    version       TEXT        NOT NULL,
    image_digest  TEXT        NOT NULL,
    notes_uri     TEXT,
    published_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tier, version)
);

CREATE TABLE nodes (
    id                  TEXT PRIMARY KEY,
    operator_id         TEXT        NOT NULL REFERENCES operators (id),
    tier                TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    region              TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'DEGRADED', 'QUARANTINED', 'RETIRED')),
    version             TEXT,
    image_digest        TEXT,
    attestation_status  TEXT        NOT NULL DEFAULT 'UNATTESTED'
                        CHECK (attestation_status IN ('UNATTESTED', 'ATTESTED', 'FAILED')),
    health              TEXT        CHECK (health IN ('HEALTHY', 'UNHEALTHY')),
    cpu_percent         REAL,
    memory_percent      REAL,
    disk_percent        REAL,
    last_heartbeat      TIMESTAMPTZ,
    labels              JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    row_version         BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX nodes_tier_status ON nodes (tier, status);
CREATE INDEX nodes_status_heartbeat ON nodes (status, last_heartbeat);
CREATE INDEX nodes_version ON nodes (version);

CREATE TABLE deployments (
    id           TEXT PRIMARY KEY,
    tier         TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    version      TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('RUNNING', 'PAUSED', 'SUCCEEDED', 'ROLLED_BACK', 'ABORTED', 'FAILED', 'INTERRUPTED')),
    workflow_id  TEXT        NOT NULL,
    started_by   TEXT        NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at     TIMESTAMPTZ,
    row_version  BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE deployment_nodes (
    deployment_id  TEXT        NOT NULL REFERENCES deployments (id),
    node_id        TEXT        NOT NULL REFERENCES nodes (id),
    status         TEXT        NOT NULL CHECK (status IN ('PENDING', 'UPDATING', 'UPDATED', 'FAILED', 'ROLLED_BACK', 'SKIPPED')),
    error          TEXT,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (deployment_id, node_id)
);

-- Every workflow the platform starts, so the console can list them and the reconciler can tell
-- which ones a restarted (embedded) Temporal server no longer knows.
CREATE TABLE workflow_runs (
    workflow_id    TEXT PRIMARY KEY,
    workflow_type  TEXT        NOT NULL,
    subject        TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'LOST')),
    detail         TEXT,
    started_by     TEXT        NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at       TIMESTAMPTZ
);
CREATE INDEX workflow_runs_subject ON workflow_runs (subject, started_at DESC);
CREATE INDEX workflow_runs_running ON workflow_runs (status) WHERE status = 'RUNNING';

-- Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE for every role.
CREATE TABLE audit_log (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor        TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    subject      TEXT        NOT NULL,
    detail       TEXT,
    workflow_id  TEXT
);
CREATE INDEX audit_log_subject ON audit_log (subject, at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
