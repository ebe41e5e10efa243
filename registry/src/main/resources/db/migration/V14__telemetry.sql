-- Node telemetry as time series: raw samples (one per node per report, kept 24 h by default),
-- per-node 1-minute and 1-hour rollups (7 d / 400 d), and per-bucket fleet counts the dashboard
-- charts read without scanning 10,000 nodes' rows. TelemetryRetention rolls up and deletes.
--
-- No foreign key to nodes: a sample is history, it outlives a retired node, and the ingest path
-- (1,000 rows/s at 10,000 nodes) should not pay a lookup per row.

CREATE TABLE telemetry_samples (
    node_id          TEXT        NOT NULL,
    -- The gateway's clock when the report arrived (never the node's): buckets stay comparable
    -- across nodes and a node cannot write into the past or the future.
    at               TIMESTAMPTZ NOT NULL,
    tier             TEXT        NOT NULL CHECK (tier IN ('ALL', 'ORACLE', 'GUARDIAN')),
    version          TEXT,
    health           TEXT        NOT NULL CHECK (health IN ('HEALTHY', 'UNHEALTHY')),
    cpu_percent      REAL,
    memory_percent   REAL,
    disk_percent     REAL,
    platform_rtt_ms  REAL,
    -- {"peer-id": rtt ms}: a few configured peers per node, read only with the sample.
    peer_rtt_ms      JSONB,
    -- Counters are per report interval (deltas), so sums over any window are meaningful.
    errors           INT         NOT NULL DEFAULT 0,
    errors_by_type   JSONB,
    requests         INT         NOT NULL DEFAULT 0,
    latency_p95_ms   REAL,
    block_lag        BIGINT,
    peers            INT,
    missed_duties    INT,
    trades           INT,
    orders           INT,
    PRIMARY KEY (node_id, at)
);
-- Fleet and cohort aggregates over a window, and the retention delete.
CREATE INDEX telemetry_samples_at ON telemetry_samples (at, tier);

-- Per node per bucket. avg over the bucket's samples, max, sums of the interval counters,
-- samples and healthy_samples (a node is healthy in a bucket when every sample was).
CREATE TABLE telemetry_minute (
    node_id               TEXT        NOT NULL,
    bucket                TIMESTAMPTZ NOT NULL,
    tier                  TEXT        NOT NULL,
    version               TEXT,
    samples               INT         NOT NULL,
    healthy_samples       INT         NOT NULL,
    cpu_avg               REAL,
    cpu_max               REAL,
    memory_avg            REAL,
    memory_max            REAL,
    disk_avg              REAL,
    disk_max              REAL,
    platform_rtt_avg      REAL,
    platform_rtt_max      REAL,
    errors                BIGINT      NOT NULL,
    errors_by_type        JSONB,
    requests              BIGINT      NOT NULL,
    latency_p95_avg       REAL,
    latency_p95_max       REAL,
    block_lag_max         BIGINT,
    peers_min             INT,
    missed_duties         BIGINT,
    trades                BIGINT,
    orders                BIGINT,
    PRIMARY KEY (node_id, bucket)
);
CREATE INDEX telemetry_minute_bucket ON telemetry_minute (bucket, tier);

CREATE TABLE telemetry_hour (LIKE telemetry_minute INCLUDING ALL);

-- Fleet counts per bucket, tier and version (the version a node reported in the bucket; offline
-- nodes under their registry version): healthy, unhealthy, and offline = in service (ACTIVE or
-- DEGRADED) but no sample in the bucket.
CREATE TABLE telemetry_fleet_minute (
    bucket     TIMESTAMPTZ NOT NULL,
    tier       TEXT        NOT NULL,
    version    TEXT        NOT NULL,
    healthy    INT         NOT NULL,
    unhealthy  INT         NOT NULL,
    offline    INT         NOT NULL,
    PRIMARY KEY (bucket, tier, version)
);

CREATE TABLE telemetry_fleet_hour (LIKE telemetry_fleet_minute INCLUDING ALL);

-- How far each resolution is rolled up: buckets before rolled_up_to are complete.
CREATE TABLE telemetry_rollup_cursor (
    resolution    TEXT PRIMARY KEY CHECK (resolution IN ('MINUTE', 'HOUR')),
    rolled_up_to  TIMESTAMPTZ NOT NULL
);
