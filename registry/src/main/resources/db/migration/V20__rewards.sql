-- Reward epochs (docs/economics.md): what each epoch measured, what it paid and how far its root
-- got, written by the reward epoch workflow's platform activities. Token amounts are NUMERIC(78, 0)
-- (uint256 token units, 18 decimals); shares are basis points; addresses are lowercase.
--
-- No foreign keys to nodes or operators: an epoch is history, it outlives a retired node, and its
-- stored inputs must stay exactly as they were gathered (the inputs digest covers them).

-- The read model the Rewards view and `noderr claim` read: one row per epoch, upserted by the
-- workflow's steps. Columns stay NULL until the step that knows them (the pool parts and parameters
-- after gathering, the result after computing, the transaction after publication).
CREATE TABLE reward_epochs (
    epoch             BIGINT PRIMARY KEY,
    start_at          TIMESTAMPTZ    NOT NULL,
    end_at            TIMESTAMPTZ,
    formula_version   INT,
    stage             TEXT           NOT NULL,
    emission          NUMERIC(78, 0),
    fees              NUMERIC(78, 0),
    carried           NUMERIC(78, 0),
    pool              NUMERIC(78, 0),
    paid              NUMERIC(78, 0),
    remainder         NUMERIC(78, 0),
    recipients        INT,
    -- The Merkle root of (epoch, operator, amount), 0x-hex; NULL while nothing is paid.
    root              TEXT,
    inputs_digest     TEXT,
    payouts_digest    TEXT,
    -- The formula parameters the epoch was computed with, {"rewards.<name>": "<decimal>"}.
    parameters        JSONB,
    -- What the stake snapshot was, e.g. "governance follower at block 1234 of chain 31337".
    snapshot          TEXT,
    transaction_hash  TEXT,
    signers           TEXT[]         NOT NULL DEFAULT '{}',
    reason            TEXT,
    -- The workflow numbers its steps from 1; a retried write with a step already seen changes
    -- nothing (and audits nothing).
    recorded_steps    INT            NOT NULL DEFAULT 0,
    updated_at        TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- Every node the epoch measured, and once computed its outcome. A node whose operator has no payout
-- address has a NULL operator_address and is EXCLUDED from gathering on.
CREATE TABLE reward_epoch_nodes (
    epoch             BIGINT  NOT NULL,
    node_id           TEXT    NOT NULL,
    operator_address  TEXT,
    tier              TEXT    NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    uptime_bp         INT     NOT NULL CHECK (uptime_bp BETWEEN 0 AND 10000),
    performance_bp    INT     NOT NULL CHECK (performance_bp BETWEEN 0 AND 10000),
    -- NULL until computed.
    status            TEXT    CHECK (status IN ('COUNTED', 'BELOW_MINIMUM_UPTIME', 'EXCLUDED')),
    score             NUMERIC,
    reason            TEXT,
    PRIMARY KEY (epoch, node_id)
);
-- An operator's nodes in an epoch (the operator's own Rewards view).
CREATE INDEX reward_epoch_nodes_operator ON reward_epoch_nodes (operator_address, epoch);

-- The stake snapshot the epoch was computed with: governance_stakes.active per address.
CREATE TABLE reward_epoch_stakes (
    epoch             BIGINT         NOT NULL,
    operator_address  TEXT           NOT NULL,
    stake             NUMERIC(78, 0) NOT NULL,
    PRIMARY KEY (epoch, operator_address)
);

-- The exclusions the epoch applied: those decided in its window, and its nodes without a payout
-- address.
CREATE TABLE reward_epoch_exclusions (
    epoch    BIGINT NOT NULL,
    node_id  TEXT   NOT NULL,
    reason   TEXT   NOT NULL,
    PRIMARY KEY (epoch, node_id, reason)
);

-- One row per recipient with a non-zero amount, with its Merkle proof (0x-hex sibling hashes,
-- leaf to root): everything `noderr claim` needs.
CREATE TABLE reward_payouts (
    epoch              BIGINT         NOT NULL,
    operator_address   TEXT           NOT NULL,
    performance_score  NUMERIC        NOT NULL,
    effective_stake    NUMERIC        NOT NULL,
    amount             NUMERIC(78, 0) NOT NULL,
    proof              TEXT[]         NOT NULL,
    PRIMARY KEY (epoch, operator_address)
);

-- Decisions that a node earns nothing in the epoch they fall in, written by the parts of the
-- platform that make them (a slashing decision, a node running a release never published for its
-- tier). The epoch that covers decided_at applies them.
CREATE TABLE reward_exclusions (
    id          BIGSERIAL PRIMARY KEY,
    node_id     TEXT        NOT NULL,
    decided_at  TIMESTAMPTZ NOT NULL,
    reason      TEXT        NOT NULL,
    -- Who decided, e.g. "slashing" or "release-policy".
    source      TEXT        NOT NULL,
    -- What the decision refers to (a proposal, a transaction, a release), when there is one.
    reference   TEXT
);
CREATE INDEX reward_exclusions_decided ON reward_exclusions (decided_at);
