-- Onboarding and node identity: install tokens, auth nonces, in-flight TPM registrations, the
-- identity each node proved, and its short-lived API sessions. Secrets are stored only as
-- SHA-256 hashes (hex); a database dump never yields a usable token.

ALTER TABLE node_applications
    ADD COLUMN reviewed_by    TEXT,
    ADD COLUMN review_reason  TEXT,
    ADD COLUMN node_id        TEXT,
    ADD COLUMN updated_at     TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX node_applications_status ON node_applications (status, created_at DESC);

-- At most one live token per application: issuing a new one revokes the previous one.
CREATE TABLE install_tokens (
    token_hash      TEXT PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    application_id  TEXT        NOT NULL REFERENCES node_applications (id),
    tier            TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    issued_by       TEXT        NOT NULL,
    issued_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX install_tokens_one_live_per_application
    ON install_tokens (application_id) WHERE used_at IS NULL AND revoked_at IS NULL;

-- Single-use nonces: consuming one deletes it, so a replay finds nothing.
CREATE TABLE auth_challenges (
    nonce       TEXT PRIMARY KEY,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX auth_challenges_expiry ON auth_challenges (expires_at);

-- A TPM registration between its two round trips: the evidence is verified, the credential was
-- sent encrypted to the EK, and the node must prove it could decrypt it (ActivateCredential).
CREATE TABLE pending_registrations (
    id              TEXT PRIMARY KEY,
    application_id  TEXT        NOT NULL REFERENCES node_applications (id),
    token_hash      TEXT        NOT NULL,
    secret_hash     TEXT        NOT NULL,
    evidence        JSONB       NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE node_identities (
    node_id           TEXT PRIMARY KEY REFERENCES nodes (id),
    key_kind          TEXT        NOT NULL CHECK (key_kind IN ('TPM', 'SOFTWARE')),
    ak_public         TEXT        NOT NULL,
    ak_name           TEXT,
    ek_public         TEXT,
    ek_cert_sha256    TEXT,
    pcr_values        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    registered_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_attested_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- One TPM, one node: the same EK cannot be registered twice.
CREATE UNIQUE INDEX node_identities_ek ON node_identities (ek_cert_sha256) WHERE ek_cert_sha256 IS NOT NULL;

CREATE TABLE node_sessions (
    token_hash  TEXT PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    node_id     TEXT        NOT NULL REFERENCES nodes (id),
    issued_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX node_sessions_node ON node_sessions (node_id);
