-- Operator logins (issue 15): people of a node operator who sign in to the console and API and see
-- only their own operator's rows. Passwords are stored only as bcrypt hashes; a disabled login
-- keeps its row (who could sign in for whom, until when).

CREATE TABLE operator_logins (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username       TEXT        NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{2,39}$'),
    password_hash  TEXT        NOT NULL CHECK (password_hash LIKE '$2%'),
    operator_id    TEXT        NOT NULL REFERENCES operators (id),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by     TEXT        NOT NULL,
    disabled_at    TIMESTAMPTZ,
    disabled_by    TEXT,
    CHECK ((disabled_at IS NULL) = (disabled_by IS NULL))
);
CREATE INDEX operator_logins_operator ON operator_logins (operator_id);

-- The operator an API token is bound to: set when an operator login creates it, so the bearer
-- path scopes exactly like the password path. No foreign key: the demo profile's operator logins
-- are bound to the simulated fleet's operators by id before those operators have enrolled.
ALTER TABLE api_tokens ADD COLUMN operator_id TEXT;
