-- Raw telemetry partitioned by hour (issue 14, telemetry store). At 10,000 nodes reporting every
-- 10 s, a day of raw samples is 86 million rows (~22 GB): expiring it row by row (DELETE) left the
-- table and its indexes bloated and took the retention job minutes; an hour is now one partition
-- the job DROPs whole. Same columns, same primary key (node_id, at), same (at, tier) index.
--
-- TelemetryPartitions (run by the retention job) creates each hour's partition ahead of time and
-- drops expired ones. A row whose hour has no partition (the job was down, a restore, a test
-- writing the past) lands in the DEFAULT partition, so an insert is never refused; the job moves
-- such rows into their own hour's partition with telemetry_samples_partition() below.

ALTER TABLE telemetry_samples RENAME TO telemetry_samples_v14;
ALTER INDEX telemetry_samples_pkey RENAME TO telemetry_samples_v14_pkey;
ALTER INDEX telemetry_samples_at RENAME TO telemetry_samples_v14_at;

CREATE TABLE telemetry_samples (LIKE telemetry_samples_v14 INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (at);
ALTER TABLE telemetry_samples ADD PRIMARY KEY (node_id, at);
-- Fleet and cohort aggregates over a window, and finding the hours the default partition holds.
CREATE INDEX telemetry_samples_at ON telemetry_samples (at, tier);

CREATE TABLE telemetry_samples_default PARTITION OF telemetry_samples DEFAULT;

-- Makes sure the hour holding hour_start (UTC hours) has its partition, telemetry_samples_pYYYYMMDDHH:
-- creates it beside the table, moves that hour's rows out of the default partition into it, then
-- attaches it (ATTACH takes a SHARE UPDATE EXCLUSIVE lock on the parent, where CREATE TABLE ...
-- PARTITION OF would block every reader and writer). Returns false when it already existed.
CREATE FUNCTION telemetry_samples_partition(hour_start TIMESTAMPTZ) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
    low  TIMESTAMPTZ := date_trunc('hour', hour_start, 'UTC');
    high TIMESTAMPTZ := low + interval '1 hour';
    name TEXT := 'telemetry_samples_p' || to_char(low AT TIME ZONE 'UTC', 'YYYYMMDDHH24');
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE telemetry_samples INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
    -- The range as a CHECK, so ATTACH need not scan the new partition to prove its rows fit.
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (at >= %L AND at < %L)',
                   name, name || '_range', low, high);
    EXECUTE format('WITH moved AS (DELETE FROM telemetry_samples_default WHERE at >= $1 AND at < $2'
                   || ' RETURNING *) INSERT INTO %I SELECT * FROM moved', name) USING low, high;
    EXECUTE format('ALTER TABLE telemetry_samples ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   name, low, high);
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', name, name || '_range');
    RETURN true;
END
$$;

-- The existing rows: a partition for each hour that has some, and for this hour and the next
-- three (the job keeps three ahead), then the rows themselves.
SELECT telemetry_samples_partition(hour)
FROM (SELECT DISTINCT date_trunc('hour', at, 'UTC') AS hour FROM telemetry_samples_v14
      UNION
      SELECT generate_series(date_trunc('hour', now(), 'UTC'),
                             date_trunc('hour', now(), 'UTC') + interval '3 hours',
                             interval '1 hour')) hours
ORDER BY hour;

INSERT INTO telemetry_samples SELECT * FROM telemetry_samples_v14;
DROP TABLE telemetry_samples_v14;

-- A node's update history (node detail: NodeUpdateHistory.recent) reads rollout_targets by node,
-- newest first; the table's keys all start with the rollout, so PostgreSQL probed the (rollout,
-- node) key once per rollout ever made, and once rollouts pile up scanned every plan row (1,020
-- rollouts, 400,000 rows: 58-82 ms; with this index 0.04-0.13 ms). Also serves the foreign key
-- check when a node row goes.
CREATE INDEX rollout_targets_node ON rollout_targets (node_id, updated_at DESC);
