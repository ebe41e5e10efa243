-- Where each rollout stood (issue 13, "nothing in flight is lost when the platform restarts").
--
-- The embedded Temporal server keeps no history across a restart. The rollout workflow writes its
-- input (version, tiers, image, strategy) with its continue-as-new checkpoint here after every
-- batch, so the platform can start it again on the same workflow id from the last batch it
-- finished (worker/.../rollout/RolloutRestarts, docs/rollouts.md "What a restart does").

CREATE TABLE rollout_checkpoints (
    rollout_id      TEXT        PRIMARY KEY REFERENCES rollouts (id),
    -- The checkpoint's phase (ROLLING_OUT, ROLLING_BACK, COMPLETED) and place, for people and logs;
    -- the input column is what the restart reads.
    phase           TEXT        NOT NULL,
    stage           INT         NOT NULL,
    position        INT         NOT NULL CHECK (position >= 0),
    -- RolloutInput as Temporal's JSON converter writes it, its checkpoint null before the first batch.
    input           JSONB       NOT NULL,
    -- Workflow time of the write: a late retry of an older write never replaces a newer one.
    taken_at_millis BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
