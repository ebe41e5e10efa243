-- Rollouts: the read model of RolloutWorkflow and the stored order of its nodes.
--
-- rollouts is one row per rollout for the console (the workflow history is the audit trail).
-- rollout_targets is the plan: the order in which the rollout updates its nodes, decided once, and
-- each node's latest result. The workflow pages through it by position instead of carrying
-- 10,000 node ids in its history.

CREATE TABLE rollouts (
    id          TEXT PRIMARY KEY CHECK (id LIKE 'rollout-%'),
    version     TEXT        NOT NULL,
    -- Written by the plan (progress does not carry the tiers); empty until the plan is made.
    tiers       TEXT[]      NOT NULL DEFAULT '{}' CHECK (tiers <@ ARRAY['ALL', 'ORACLE', 'GUARDIAN']),
    -- The workflow's status names; no CHECK, the workflow owns that enum and may add to it.
    status      TEXT        NOT NULL,
    stage       INT         NOT NULL DEFAULT 0,
    stages      INT         NOT NULL DEFAULT 0,
    total       INT         NOT NULL DEFAULT 0,
    updated     INT         NOT NULL DEFAULT 0,
    failed      INT         NOT NULL DEFAULT 0,
    -- The workflow numbers its steps from 1; a retried write with a sequence already seen changes
    -- nothing. 0 is a row the plan created before any step was recorded.
    last_step   INT         NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX rollouts_newest ON rollouts (created_at DESC, id);

CREATE TABLE rollout_targets (
    rollout_id  TEXT        NOT NULL REFERENCES rollouts (id),
    -- 0-based place in the update order; the workflow asks for positions [from, to).
    position    INT         NOT NULL CHECK (position >= 0),
    node_id     TEXT        NOT NULL REFERENCES nodes (id),
    -- Tier, operator and region as they were when planned: the maintenance window a node gets
    -- must not change under a running rollout.
    tier        TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    operator    TEXT        NOT NULL,
    region      TEXT        NOT NULL,
    status      TEXT        NOT NULL DEFAULT 'PENDING'
                CHECK (status IN ('PENDING', 'UPDATED', 'ALREADY_AT_TARGET', 'REVERTED', 'FAILED', 'ROLLED_BACK')),
    -- The activities' failure type name; no CHECK, that enum grows with the node agent.
    failure     TEXT,
    detail      TEXT,
    -- The stage of the latest result (1-based); null while PENDING.
    stage       INT,
    millis      BIGINT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The primary key's index serves the pages by position.
    PRIMARY KEY (rollout_id, position),
    -- A node is planned once per rollout; the index also finds a result's row by node id.
    UNIQUE (rollout_id, node_id)
);
-- The nodes a rollout touched, in position order, for an abort or rollback: a partial index, so
-- paging them skips the PENDING and ALREADY_AT_TARGET rows of a 10,000-node plan. Queries
-- must repeat this predicate to use it.
CREATE INDEX rollout_targets_touched ON rollout_targets (rollout_id, position)
    WHERE status NOT IN ('PENDING', 'ALREADY_AT_TARGET');
