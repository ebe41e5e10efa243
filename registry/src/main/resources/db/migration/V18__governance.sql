-- On-chain governance read models (docs/governance.md), written by the worker's governance follower
-- from the staking, governor, timelock and parameter registry events, and by the proposal workflows.
-- uint256 amounts are NUMERIC(78, 0) (token units, 18 decimals); proposal ids are decimal strings.

-- How far the follower has read one deployment's contracts (keyed by its governor).
CREATE TABLE governance_cursor (
    chain_id          BIGINT      NOT NULL,
    governor_address  TEXT        NOT NULL,
    last_block        BIGINT      NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, governor_address)
);

-- Every event the follower applied: reading a range twice applies each event once (slashes and
-- unbonding requests add up, so they must not count twice).
CREATE TABLE governance_events (
    chain_id          BIGINT      NOT NULL,
    transaction_hash  TEXT        NOT NULL,
    log_index         INTEGER     NOT NULL,
    kind              TEXT        NOT NULL,
    block_number      BIGINT      NOT NULL,
    observed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, transaction_hash, log_index)
);

-- Stake per operator address (the operator's application signing address, lowercase).
CREATE TABLE governance_stakes (
    address             TEXT PRIMARY KEY,
    active              NUMERIC(78, 0) NOT NULL DEFAULT 0,
    unbonding           NUMERIC(78, 0) NOT NULL DEFAULT 0,
    unbonding_ready_at  TIMESTAMPTZ,
    slashed_total       NUMERIC(78, 0) NOT NULL DEFAULT 0,
    voting_power        NUMERIC(78, 0) NOT NULL DEFAULT 0,
    updated_block       BIGINT         NOT NULL,
    updated_at          TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- Proposals as the governor reports them. state_rank orders the states so that a late writer (the
-- follower re-reading a range, a workflow retrying) never moves a proposal back.
CREATE TABLE governance_proposals (
    proposal_id          TEXT PRIMARY KEY,
    chain_id             BIGINT         NOT NULL,
    governor_address     TEXT           NOT NULL,
    proposer             TEXT           NOT NULL,
    tier                 TEXT           CHECK (tier IN ('PARAMETER', 'TREASURY', 'CONTRACT')),
    description          TEXT           NOT NULL,
    targets              JSONB          NOT NULL,
    call_values          JSONB          NOT NULL,
    calldatas            JSONB          NOT NULL,
    vote_start           TIMESTAMPTZ    NOT NULL,
    vote_end             TIMESTAMPTZ    NOT NULL,
    eta                  TIMESTAMPTZ,
    state                TEXT           NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'CANCELED',
                             'DEFEATED', 'SUCCEEDED', 'QUEUED', 'EXPIRED', 'EXECUTED')),
    state_rank           INTEGER        NOT NULL,
    for_votes            NUMERIC(78, 0) NOT NULL DEFAULT 0,
    against_votes        NUMERIC(78, 0) NOT NULL DEFAULT 0,
    abstain_votes        NUMERIC(78, 0) NOT NULL DEFAULT 0,
    quorum_needed        NUMERIC(78, 0),
    created_tx           TEXT           NOT NULL,
    created_block        BIGINT         NOT NULL,
    queued_operation_id  TEXT,
    queued_tx            TEXT,
    executed_tx          TEXT,
    canceled_tx          TEXT,
    updated_at           TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX governance_proposals_created ON governance_proposals (created_block DESC);
CREATE INDEX governance_proposals_operation ON governance_proposals (queued_operation_id);

CREATE TABLE governance_votes (
    proposal_id       TEXT           NOT NULL,
    voter             TEXT           NOT NULL,
    support           TEXT           NOT NULL CHECK (support IN ('AGAINST', 'FOR', 'ABSTAIN')),
    weight            NUMERIC(78, 0) NOT NULL,
    reason            TEXT           NOT NULL DEFAULT '',
    transaction_hash  TEXT           NOT NULL,
    block_number      BIGINT         NOT NULL,
    PRIMARY KEY (proposal_id, voter)
);

-- The governor's signature nonce per account (castVoteBySig, proposeBySig), as last read from the
-- chain after one of its signed actions: what a ballot must be signed with.
CREATE TABLE governance_nonces (
    address     TEXT PRIMARY KEY,
    nonce       NUMERIC(78, 0) NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- The parameter registry's values and ranges (NoderrParameters).
CREATE TABLE governance_parameters (
    name           TEXT PRIMARY KEY,
    min_value      NUMERIC(78, 0) NOT NULL,
    max_value      NUMERIC(78, 0) NOT NULL,
    value          NUMERIC(78, 0) NOT NULL,
    updated_block  BIGINT         NOT NULL,
    updated_tx     TEXT           NOT NULL,
    updated_at     TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- What the platform applied of governance's parameters, and which executed proposal made it so.
CREATE TABLE platform_parameters (
    name         TEXT PRIMARY KEY,
    value        TEXT        NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    proposal_id  TEXT        NOT NULL
);
