-- Slashing disputes (docs/slashing.md): the read model of the slashing dispute workflow, written by
-- its platform activities. The workflow is the source of truth while it runs; this row is what the
-- console and the CLI read afterwards, and what the correlation penalty counts.
--
-- No foreign key to nodes: a dispute is history and outlives a retired node.
CREATE TABLE slashing_disputes (
    id                TEXT PRIMARY KEY,
    node_id           TEXT           NOT NULL,
    -- The node's operator address (lowercase); NULL when the node has none (NOT_SLASHABLE).
    operator_address  TEXT,
    cause             TEXT           NOT NULL CHECK (cause IN ('SUSTAINED_DOWNTIME',
                                                   'ATTESTATION_FAILURE', 'UNPUBLISHED_RELEASE',
                                                   'ADMIN')),
    evidence          TEXT           NOT NULL,
    opened_by         TEXT           NOT NULL,
    opened_at         TIMESTAMPTZ    NOT NULL DEFAULT now(),
    stage             TEXT           NOT NULL,
    -- Token units (uint256); NULL until the terms are read.
    penalty           NUMERIC(78, 0),
    penalty_bp        INT CHECK (penalty_bp BETWEEN 0 AND 10000),
    answer_deadline   TIMESTAMPTZ,
    answer            TEXT,
    appeal            TEXT,
    -- "address:SLASH" or "address:DISMISS", the current round's.
    votes             TEXT[]         NOT NULL DEFAULT '{}',
    transaction_hash  TEXT,
    reason            TEXT,
    -- The workflow numbers its steps from 1; a retried write with a step already seen changes
    -- nothing (and audits nothing).
    recorded_steps    INT            NOT NULL DEFAULT 0,
    updated_at        TIMESTAMPTZ    NOT NULL DEFAULT now()
);
-- The correlation count (a cause's disputes in a window) and the detector's open-dispute check.
CREATE INDEX slashing_disputes_cause ON slashing_disputes (cause, opened_at);
CREATE INDEX slashing_disputes_node ON slashing_disputes (node_id, cause);
-- An operator's disputes, newest first (the operator portal).
CREATE INDEX slashing_disputes_operator ON slashing_disputes (operator_address, opened_at);
