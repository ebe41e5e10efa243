-- Alerts the platform raises about its fleet (rules evaluated by the AlertEvaluationWorkflow).
-- One row per incident: the rule's fingerprint identifies it while it fires (at most one open
-- row per fingerprint), so repeated evaluations update the same incident instead of opening new
-- ones. Channel secrets (webhook URLs, SMTP passwords) are configuration, never stored here.
CREATE TABLE alerts (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule              TEXT        NOT NULL,
    fingerprint       TEXT        NOT NULL,
    severity          TEXT        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    summary           TEXT        NOT NULL,
    labels            JSONB       NOT NULL DEFAULT '{}'::jsonb,
    nodes             TEXT[]      NOT NULL DEFAULT '{}',
    -- channels of the people this alert is addressed to (missing signers); empty: the route
    recipients        TEXT[]      NOT NULL DEFAULT '{}',
    runbook           TEXT        NOT NULL,
    state             TEXT        NOT NULL CHECK (state IN ('FIRING', 'RESOLVED')),
    first_seen        TIMESTAMPTZ NOT NULL,
    last_seen         TIMESTAMPTZ NOT NULL,
    -- when severity, labels, nodes or recipients last changed (an acknowledgement older than
    -- this was lifted)
    changed_at        TIMESTAMPTZ NOT NULL,
    resolved_at       TIMESTAMPTZ,
    acked_by          TEXT,
    acked_at          TIMESTAMPTZ,
    ack_note          TEXT,
    -- what suppresses its notifications now: 'silence-<id>' or the rollout wave; null if none
    silenced_by       TEXT,
    -- the firing notification was queued (false while silenced from the start)
    announced         BOOLEAN     NOT NULL DEFAULT false,
    escalation_level  INT         NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
    escalated_at      TIMESTAMPTZ,
    CHECK ((acked_by IS NULL) = (acked_at IS NULL)),
    CHECK ((state = 'RESOLVED') = (resolved_at IS NOT NULL))
);
CREATE UNIQUE INDEX alerts_open_fingerprint ON alerts (fingerprint) WHERE state = 'FIRING';
CREATE INDEX alerts_newest ON alerts (state, last_seen DESC, id DESC);

-- The outbox of notifications: queued on a transition (fired, changed, escalated, resolved),
-- sent by channel in groups, retried a bounded number of times. The channel is a configured
-- name; its URL or password never appears here.
CREATE TABLE alert_deliveries (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id    BIGINT      NOT NULL REFERENCES alerts (id),
    channel     TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('FIRING', 'CHANGED', 'ESCALATED', 'RESOLVED')),
    status      TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'GAVE_UP')),
    attempts    INT         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error  TEXT,
    queued_at   TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX alert_deliveries_pending ON alert_deliveries (channel, queued_at) WHERE status = 'PENDING';
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id, id);
CREATE INDEX alert_deliveries_sent ON alert_deliveries (channel, sent_at DESC) WHERE status = 'SENT';

-- Silences: label matchers (all must be equal), a bounded duration, and an end when they have
-- matched nothing for a while (last_matched_at).
CREATE TABLE alert_silences (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    matchers         JSONB       NOT NULL CHECK (jsonb_typeof(matchers) = 'object' AND matchers <> '{}'::jsonb),
    reason           TEXT        NOT NULL,
    created_by       TEXT        NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ NOT NULL,
    last_matched_at  TIMESTAMPTZ,
    expired_at       TIMESTAMPTZ,
    expired_reason   TEXT,
    CHECK (ends_at > starts_at)
);
CREATE INDEX alert_silences_live ON alert_silences (ends_at) WHERE expired_at IS NULL;

-- The certificate/session failure rule counts refusals by action over a recent window.
CREATE INDEX audit_log_action_at ON audit_log (action, at);
