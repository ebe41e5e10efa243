-- Releases and the version beacon.
--
-- release_requests is the read model of ReleaseApprovalWorkflow (the workflow history is the
-- audit trail; this table lists and filters). beacon_events holds what the beacon follower saw on
-- chain, or what the local beacon published; the current release of a tier is its latest
-- VERSION_PUBLISHED event. local_beacon/local_multisig are the beacon used when no chain is
-- configured.

CREATE TABLE release_requests (
    id                TEXT PRIMARY KEY,
    tier              TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    version           TEXT        NOT NULL,
    image_digest      TEXT        NOT NULL CHECK (image_digest ~ '^sha256:[0-9a-f]{64}$'),
    status            TEXT        NOT NULL,
    proposed_by       TEXT        NOT NULL,
    deadline          TIMESTAMPTZ NOT NULL,
    threshold         INT         NOT NULL,
    signed_by         TEXT[]      NOT NULL DEFAULT '{}',
    declined_by       TEXT[]      NOT NULL DEFAULT '{}',
    transaction_hash  TEXT,
    reason            TEXT,
    -- The workflow numbers its steps; a retried write with a sequence already seen changes nothing.
    last_step         INT         NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX release_requests_status ON release_requests (status, created_at DESC);

CREATE TABLE beacon_events (
    id                BIGSERIAL PRIMARY KEY,
    backend           TEXT        NOT NULL CHECK (backend IN ('CHAIN', 'LOCAL')),
    chain_id          BIGINT      NOT NULL,
    beacon_address    TEXT        NOT NULL,
    kind              TEXT        NOT NULL CHECK (kind IN ('VERSION_PUBLISHED', 'TIER_PAUSED', 'TIER_UNPAUSED')),
    tier              TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    version           TEXT,
    image_digest      TEXT,
    minimum_version   TEXT,
    notes_uri         TEXT,
    published_at      TIMESTAMPTZ,
    transaction_hash  TEXT        NOT NULL,
    block_number      BIGINT      NOT NULL,
    log_index         INT         NOT NULL,
    observed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The follower may see a block twice (restart between insert and cursor); once is recorded.
    UNIQUE (chain_id, beacon_address, transaction_hash, log_index)
);
CREATE INDEX beacon_events_tier ON beacon_events (chain_id, beacon_address, tier, block_number DESC, log_index DESC);

-- How far the follower has read each beacon: resumes from last_block + 1 after a restart.
CREATE TABLE beacon_cursor (
    chain_id        BIGINT      NOT NULL,
    beacon_address  TEXT        NOT NULL,
    last_block      BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, beacon_address)
);

CREATE TABLE local_beacon (
    tier             TEXT PRIMARY KEY CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    version          TEXT,
    image_digest     TEXT,
    minimum_version  TEXT,
    notes_uri        TEXT,
    published_at     TIMESTAMPTZ,
    paused           BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO local_beacon (tier) VALUES ('ALL'), ('ORACLE'), ('GUARDIAN');

-- The local multisig's next nonce (one row).
CREATE TABLE local_multisig (
    id     INT PRIMARY KEY CHECK (id = 1),
    nonce  BIGINT NOT NULL
);
INSERT INTO local_multisig (id, nonce) VALUES (1, 0);
