-- Stake enforcement (docs/governance.md): a node whose operator's active stake no longer covers its
-- tier's minimum carries the reason here and is left out of new rollouts until the stake covers it
-- again. NULL: in good standing (or an operator without a governance identity: the demo's
-- fleet-token nodes, whose operator id is no address).
ALTER TABLE nodes ADD COLUMN stake_shortfall TEXT;
CREATE INDEX nodes_stake_shortfall ON nodes (operator_id) WHERE stake_shortfall IS NOT NULL;
