-- The node gateway's sweep asks every second which node sessions ended lately
-- (NodeSessions.endedWithin) to cut their open polls. These indexes keep that query proportional to
-- what changed (revocations, expiries, nodes out of service), not to the size of the fleet.
CREATE INDEX node_sessions_revoked ON node_sessions (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX node_sessions_expiry ON node_sessions (expires_at);
CREATE INDEX nodes_out_of_service ON nodes (id) WHERE status IN ('QUARANTINED', 'RETIRED');
