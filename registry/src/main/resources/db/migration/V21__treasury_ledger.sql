-- The treasury's double-entry ledger (docs/treasury.md), mirrored from the token's Transfer events
-- touching the platform's holders (the multisig's rewards treasury, the timelock's governance
-- treasury, the RewardDistributor, the FeeCollector) by the worker's treasury follower, and checked
-- against the chain's balances by the reconciliation job. Amounts are NUMERIC(78, 0) token units.

-- An ON_CHAIN account is a holder whose token balance the chain knows (its address, lowercase); an
-- EXTERNAL account stands for the rest of the world on the other side of a movement (operators,
-- fee payers, mints, spends).
CREATE TABLE treasury_accounts (
    code     TEXT PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('ON_CHAIN', 'EXTERNAL')),
    address  TEXT,
    CHECK ((kind = 'ON_CHAIN') = (address IS NOT NULL))
);

-- One journal entry per Transfer event: reading a block range twice adds nothing.
CREATE TABLE treasury_entries (
    id                BIGSERIAL PRIMARY KEY,
    block_number      BIGINT      NOT NULL,
    transaction_hash  TEXT        NOT NULL,
    log_index         INTEGER     NOT NULL,
    at                TIMESTAMPTZ NOT NULL,
    kind              TEXT        NOT NULL,
    epoch             BIGINT,
    memo              TEXT        NOT NULL DEFAULT '',
    UNIQUE (transaction_hash, log_index)
);
CREATE INDEX treasury_entries_block ON treasury_entries (block_number DESC, log_index DESC);
CREATE INDEX treasury_entries_epoch ON treasury_entries (epoch) WHERE epoch IS NOT NULL;

-- Debits positive, credits negative.
CREATE TABLE treasury_postings (
    entry_id  BIGINT         NOT NULL REFERENCES treasury_entries (id) ON DELETE CASCADE,
    account   TEXT           NOT NULL REFERENCES treasury_accounts (code),
    amount    NUMERIC(78, 0) NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (entry_id, account)
);
CREATE INDEX treasury_postings_account ON treasury_postings (account);

-- Every entry balances: checked when its transaction commits (the postings are written one by one),
-- whoever writes them. Deleting a whole entry (its postings cascade) keeps the rule.
CREATE FUNCTION treasury_entry_balances() RETURNS trigger AS $$
DECLARE
    checked BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.entry_id ELSE NEW.entry_id END;
    total NUMERIC;
BEGIN
    SELECT COALESCE(sum(amount), 0) INTO total FROM treasury_postings WHERE entry_id = checked;
    IF total <> 0 THEN
        RAISE EXCEPTION 'treasury entry % does not balance: its postings sum to %', checked, total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER treasury_postings_balance
    AFTER INSERT OR UPDATE OR DELETE ON treasury_postings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION treasury_entry_balances();

-- How far the follower has read one token's transfers.
CREATE TABLE treasury_cursor (
    chain_id       BIGINT      NOT NULL,
    token_address  TEXT        NOT NULL,
    last_block     BIGINT      NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, token_address)
);

-- Each ON_CHAIN account's ledger balance next to its balanceOf at the same block; drift = ledger -
-- chain.
CREATE TABLE treasury_reconciliations (
    id              BIGSERIAL PRIMARY KEY,
    at              TIMESTAMPTZ    NOT NULL DEFAULT now(),
    block_number    BIGINT         NOT NULL,
    account         TEXT           NOT NULL REFERENCES treasury_accounts (code),
    ledger_balance  NUMERIC(78, 0) NOT NULL,
    chain_balance   NUMERIC(78, 0) NOT NULL,
    drift           NUMERIC(78, 0) NOT NULL
);
CREATE INDEX treasury_reconciliations_latest ON treasury_reconciliations (account, id DESC);
