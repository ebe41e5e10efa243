-- Auto-deploy: per tier, whether a release the beacon publishes starts a deployment by itself
-- (the seed's "nodes automatically update when a new version is published") and with which preset.
-- No row is off. Only what the signers published can be deployed, so this adds no privilege: it
-- saves an admin's click after the signers' decision.
CREATE TABLE auto_deploy_policies (
    tier        TEXT PRIMARY KEY CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    enabled     BOOLEAN     NOT NULL,
    -- The workflows' RolloutPreset ids; no CHECK, that enum may grow.
    preset      TEXT        NOT NULL,
    updated_by  TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The last beacon event the auto-deployer has considered: a restarted worker resumes after it, so
-- every publication is considered once, whichever backend (chain follower or local beacon) wrote it.
CREATE TABLE auto_deploy_cursor (
    singleton      BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    last_event_id  BIGINT  NOT NULL
);
