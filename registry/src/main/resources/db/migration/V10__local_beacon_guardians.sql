-- Guardians and time-boxed guardian pauses for the local beacon: NoderrMultisig's emergency rules
-- kept in PostgreSQL when no chain is configured.

-- When the tier's guardian pause ends; NULL when the tier is unpaused or paused by the quorum
-- (indefinitely). Only a paused tier can have one.
ALTER TABLE local_beacon
    ADD COLUMN guardian_expires_at TIMESTAMPTZ,
    ADD CONSTRAINT local_beacon_guardian_pause_is_a_pause
        CHECK (guardian_expires_at IS NULL OR paused);

-- The signer set, threshold and guardians once the local multisig changed them itself
-- (changeSigners); NULL until then, when the configured ones (noderr.beacon.local.*) apply, as a
-- contract's constructor arguments apply until its first change. All three or none.
ALTER TABLE local_multisig
    ADD COLUMN signers   TEXT[],
    ADD COLUMN threshold INT CHECK (threshold >= 1),
    ADD COLUMN guardians TEXT[],
    ADD CONSTRAINT local_multisig_set_complete
        CHECK ((signers IS NULL) = (threshold IS NULL) AND (signers IS NULL) = (guardians IS NULL));
