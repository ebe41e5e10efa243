package io.noderr.registry.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LivenessRegistryIT {

  private static final Duration WINDOW = Duration.ofSeconds(60);

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final LivenessRegistry liveness = db.bean(LivenessRegistry.class);
  private final NodeRepository nodes = db.bean(NodeRepository.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  private static void node(String id, String status) {
    db.insertNode(id, "acme", Tier.ORACLE, "eu-west", status);
  }

  private static LivenessReport report(String nodeId) {
    return new LivenessReport(nodeId, "1.4.0", "sha256:abc", "HEALTHY", 12.5, 40.25, 70);
  }

  private static void lastHeard(String nodeId, String sqlInterval) {
    db.jdbc()
        .update(
            "UPDATE nodes SET last_heartbeat = now() - ?::interval WHERE id = ?",
            sqlInterval,
            nodeId);
  }

  private List<String> actions(String nodeId) {
    return audit.recentFor(nodeId, 100).stream().map(AuditEntry::action).toList();
  }

  @Test
  void heartbeat_storesVersionHealthMetricsAndLastSeen() {
    node("n-1", "ACTIVE");
    Instant before = Instant.now();

    HeartbeatOutcome outcome = liveness.recordHeartbeats(List.of(report("n-1")));

    assertThat(outcome).isEqualTo(new HeartbeatOutcome(1, List.of(), List.of()));
    Node node = nodes.findById("n-1").orElseThrow();
    assertThat(node.version()).isEqualTo("1.4.0");
    assertThat(node.imageDigest()).isEqualTo("sha256:abc");
    assertThat(node.health()).isEqualTo("HEALTHY");
    assertThat(node.cpuPercent()).isEqualTo(12.5f);
    assertThat(node.memoryPercent()).isEqualTo(40.25f);
    assertThat(node.diskPercent()).isEqualTo(70f);
    assertThat(node.lastHeartbeat())
        .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    assertThat(node.status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(actions("n-1")).isEmpty();
  }

  @Test
  void heartbeat_overwritesThePreviousReport() {
    node("n-1", "ACTIVE");
    liveness.recordHeartbeats(List.of(report("n-1")));
    lastHeard("n-1", "5 minutes");

    liveness.recordHeartbeats(
        List.of(new LivenessReport("n-1", "1.5.0", "sha256:def", "UNHEALTHY", 99, 1, 2)));

    Node node = nodes.findById("n-1").orElseThrow();
    assertThat(node.version()).isEqualTo("1.5.0");
    assertThat(node.health()).isEqualTo("UNHEALTHY");
    assertThat(node.cpuPercent()).isEqualTo(99f);
    assertThat(node.lastHeartbeat()).isAfter(Instant.now().minusSeconds(60));
  }

  @Test
  void runningVersions_areStoredAtOnce_skippingRowsAHeartbeatHolds() throws Exception {
    node("n-1", "ACTIVE");
    node("n-2", "ACTIVE");
    try (Connection heartbeat = db.dataSource().getConnection()) {
      heartbeat.setAutoCommit(false);
      heartbeat.createStatement().execute("SELECT 1 FROM nodes WHERE id = 'n-2' FOR UPDATE");

      int changed =
          liveness.recordRunningVersions(Map.of("n-1", "2.0.0", "n-2", "2.0.0", "n-x", "2.0.0"));

      heartbeat.rollback();
      assertThat(changed).isEqualTo(1);
    }
    assertThat(versionOf("n-1")).isEqualTo("2.0.0");
    assertThat(versionOf("n-2")).as("held by the heartbeat: left to it").isNotEqualTo("2.0.0");
  }

  private static String versionOf(String id) {
    return db.jdbc().queryForObject("SELECT version FROM nodes WHERE id = ?", String.class, id);
  }

  @Test
  void heartbeats_fromUnknownIds_areReported_andCreateNothing() {
    node("n-1", "ACTIVE");
    node("n-2", "ACTIVE");

    HeartbeatOutcome outcome =
        liveness.recordHeartbeats(
            List.of(report("ghost-1"), report("n-1"), report("ghost-2"), report("n-2")));

    assertThat(outcome.accepted()).isEqualTo(2);
    assertThat(outcome.unknown()).containsExactly("ghost-1", "ghost-2");
    assertThat(outcome.recovered()).isEmpty();
    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM nodes", Long.class)).isEqualTo(2);
    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit_log", Long.class)).isZero();
    assertThat(nodes.findById("n-2").orElseThrow().version()).isEqualTo("1.4.0");
  }

  @Test
  void emptyBatch_acceptsNothing() {
    assertThat(liveness.recordHeartbeats(List.of()))
        .isEqualTo(new HeartbeatOutcome(0, List.of(), List.of()));
  }

  @Test
  void heartbeat_bringsDegradedNodeBackToActive_andAuditsIt() {
    node("n-1", "DEGRADED");
    node("n-2", "ACTIVE");

    HeartbeatOutcome outcome = liveness.recordHeartbeats(List.of(report("n-1"), report("n-2")));

    assertThat(outcome.recovered()).containsExactly("n-1");
    assertThat(db.statusOf("n-1")).isEqualTo("ACTIVE");
    List<AuditEntry> entries = audit.recentFor("n-1", 10);
    assertThat(entries).hasSize(1);
    assertThat(entries.getFirst().action()).isEqualTo("node.recovered");
    assertThat(entries.getFirst().actor()).isEqualTo(AuditLog.SYSTEM);
    assertThat(entries.getFirst().workflowId()).isNull();
    assertThat(actions("n-2")).isEmpty();
  }

  @Test
  void heartbeat_recoversOnlyOnce() {
    node("n-1", "DEGRADED");
    liveness.recordHeartbeats(List.of(report("n-1")));

    HeartbeatOutcome again = liveness.recordHeartbeats(List.of(report("n-1")));

    assertThat(again.recovered()).isEmpty();
    assertThat(actions("n-1")).containsExactly("node.recovered");
  }

  @Test
  void heartbeat_leavesQuarantinedAndRetiredNodesAsTheyAre_butStoresTheReport() {
    node("quarantined", "QUARANTINED");
    node("retired", "RETIRED");

    HeartbeatOutcome outcome =
        liveness.recordHeartbeats(List.of(report("quarantined"), report("retired")));

    assertThat(outcome.accepted()).isEqualTo(2);
    assertThat(outcome.recovered()).isEmpty();
    assertThat(db.statusOf("quarantined")).isEqualTo("QUARANTINED");
    assertThat(db.statusOf("retired")).isEqualTo("RETIRED");
    assertThat(nodes.findById("quarantined").orElseThrow().lastHeartbeat()).isNotNull();
    assertThat(actions("quarantined")).isEmpty();
  }

  @Test
  void degradeSilentNodes_marksOnlyActiveNodesSilentLongerThanTheWindow_andAuditsThem() {
    node("silent", "ACTIVE");
    lastHeard("silent", "10 minutes");
    node("fresh", "ACTIVE");
    lastHeard("fresh", "10 seconds");
    node("never-reported-old", "ACTIVE");
    db.jdbc()
        .update(
            "UPDATE nodes SET created_at = now() - interval '10 minutes'"
                + " WHERE id = 'never-reported-old'");
    node("never-reported-new", "ACTIVE");
    node("silent-quarantined", "QUARANTINED");
    lastHeard("silent-quarantined", "10 minutes");
    node("silent-degraded", "DEGRADED");
    lastHeard("silent-degraded", "10 minutes");
    node("silent-pending", "PENDING");
    lastHeard("silent-pending", "10 minutes");

    List<String> degraded = liveness.degradeSilentNodes(WINDOW);

    assertThat(degraded).containsExactlyInAnyOrder("silent", "never-reported-old");
    assertThat(db.statusOf("silent")).isEqualTo("DEGRADED");
    assertThat(db.statusOf("never-reported-old")).isEqualTo("DEGRADED");
    assertThat(db.statusOf("fresh")).isEqualTo("ACTIVE");
    assertThat(db.statusOf("never-reported-new")).isEqualTo("ACTIVE");
    assertThat(db.statusOf("silent-quarantined")).isEqualTo("QUARANTINED");
    assertThat(db.statusOf("silent-pending")).isEqualTo("PENDING");
    AuditEntry entry = audit.recentFor("silent", 10).getFirst();
    assertThat(entry.action()).isEqualTo("node.degraded");
    assertThat(entry.actor()).isEqualTo(AuditLog.SYSTEM);
    assertThat(entry.detail()).isEqualTo("no report for more than 60 s");
    assertThat(actions("never-reported-old")).containsExactly("node.degraded");
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT count(*) FROM audit_log WHERE action = 'node.degraded'", Long.class))
        .isEqualTo(2);
  }

  @Test
  void degradeSilentNodes_doesNotDegradeOrAuditTwice() {
    node("silent", "ACTIVE");
    lastHeard("silent", "10 minutes");
    liveness.degradeSilentNodes(WINDOW);

    assertThat(liveness.degradeSilentNodes(WINDOW)).isEmpty();
    assertThat(actions("silent")).containsExactly("node.degraded");
  }

  @Test
  void silentNode_thatReportsAgain_isDegradedThenRecovered() {
    node("n-1", "ACTIVE");
    lastHeard("n-1", "2 minutes");
    liveness.degradeSilentNodes(WINDOW);

    liveness.recordHeartbeats(List.of(report("n-1")));

    assertThat(db.statusOf("n-1")).isEqualTo("ACTIVE");
    assertThat(liveness.degradeSilentNodes(WINDOW)).isEmpty();
    assertThat(actions("n-1")).containsExactly("node.recovered", "node.degraded");
  }
}
