-- Emergencies (EmergencyWorkflow): the read model of each emergency, the platform's holds on tiers
-- and the quarantines emergencies set.
--
-- emergencies lists and filters; the workflow history plus the audit log is the incident record.
-- It also keeps the proposal and every accepted signature, so an emergency can be taken up again
-- from PostgreSQL when a Temporal server without persistence lost it.

CREATE SEQUENCE emergency_numbers;

CREATE TABLE emergencies (
    id                  TEXT PRIMARY KEY,
    action              TEXT        NOT NULL,
    stage               TEXT        NOT NULL,
    scope               TEXT        NOT NULL,
    reason              TEXT        NOT NULL,
    proposed_by         TEXT        NOT NULL,
    deadline            TIMESTAMPTZ NOT NULL,
    required            INT         NOT NULL,
    signed_by           TEXT[]      NOT NULL DEFAULT '{}',
    -- A guardian's mandate ends here unless ratified; null when no guardian acted alone.
    mandate_expires_at  TIMESTAMPTZ,
    effects             TEXT[]      NOT NULL DEFAULT '{}',
    outcome             TEXT,
    proposal            JSONB       NOT NULL,
    signatures          JSONB       NOT NULL DEFAULT '[]',
    last_step           INT         NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX emergencies_stage ON emergencies (stage, created_at DESC);

-- A held tier takes no new deployment and no auto-deploy; the deployments the hold paused are
-- resumed when it is lifted. expires_at: a guardian's hold ends by itself (null: until a RESUME).
CREATE TABLE tier_holds (
    tier                TEXT PRIMARY KEY CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    emergency_id        TEXT        NOT NULL REFERENCES emergencies (id),
    reason              TEXT        NOT NULL,
    expires_at          TIMESTAMPTZ,
    paused_deployments  TEXT[]      NOT NULL DEFAULT '{}',
    held_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The nodes an emergency quarantined, with the status to give back if its mandate runs out.
CREATE TABLE emergency_quarantines (
    emergency_id     TEXT        NOT NULL REFERENCES emergencies (id),
    node_id          TEXT        NOT NULL REFERENCES nodes (id),
    previous_status  TEXT        NOT NULL,
    quarantined_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    released_at      TIMESTAMPTZ,
    PRIMARY KEY (emergency_id, node_id)
);
