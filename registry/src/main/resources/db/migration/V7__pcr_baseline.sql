-- PCR trust on first use. A PCR the policy lists without allowed values accepts whatever the node
-- quotes at registration; from then on that value is the node's baseline, and a renewal quoting
-- anything else quarantines the node. pcr_values keeps the values of the last quote (for
-- operators); pcr_baseline is what every quote is compared with.
ALTER TABLE node_identities ADD COLUMN pcr_baseline JSONB NOT NULL DEFAULT '{}'::jsonb;

-- Nodes registered before this migration: their registration values were overwritten by each
-- renewal, so the last attested values are the best baseline there is.
UPDATE node_identities SET pcr_baseline = pcr_values;
