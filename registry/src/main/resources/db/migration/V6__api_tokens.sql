-- API tokens for people and automation (issue 11): created and revoked by their owner, shown once,
-- stored only as a SHA-256 hash (hex), with a subset of the owner's roles and an expiry. Revoking
-- keeps the row (who had what, until when); last_used_at is written at most once a minute.

CREATE TABLE api_tokens (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash    TEXT        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    owner         TEXT        NOT NULL,
    name          TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    roles         TEXT[]      NOT NULL
        CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ADMIN', 'SRE', 'SIGNER', 'OPERATOR']),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
-- A live token's name is unique per owner, so "revoke ci-deploy" means one token.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (owner, name) WHERE revoked_at IS NULL;
CREATE INDEX api_tokens_owner ON api_tokens (owner, created_at DESC);
