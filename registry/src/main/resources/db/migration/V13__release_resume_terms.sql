-- What a release request needs to be started again, on the same terms and with the signatures
-- already accepted, when its workflow is lost (the embedded Temporal server keeps nothing across
-- restarts). Written by the release activities with each step; the signatures are public data
-- (they go on chain with the publication).

ALTER TABLE release_requests
    ADD COLUMN minimum_version   TEXT NOT NULL DEFAULT '',
    ADD COLUMN notes_uri         TEXT NOT NULL DEFAULT '',
    ADD COLUMN downgrade_reason  TEXT,
    -- The multisig nonce the signatures are over; null before the beacon was read.
    ADD COLUMN nonce             TEXT;

CREATE TABLE release_signatures (
    release_id    TEXT        NOT NULL REFERENCES release_requests (id) ON DELETE CASCADE,
    signer        TEXT        NOT NULL,
    signature     TEXT        NOT NULL,
    submitted_by  TEXT        NOT NULL,
    signed_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (release_id, signer)
);
