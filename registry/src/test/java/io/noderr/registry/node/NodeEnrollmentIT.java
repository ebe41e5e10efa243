package io.noderr.registry.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeEnrollmentIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final NodeEnrollment enrollment = db.bean(NodeEnrollment.class);
  private final NodeRepository nodes = db.bean(NodeRepository.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  private static EnrollmentRequest request(String nodeId, String operatorId, Tier tier) {
    return new EnrollmentRequest(
        nodeId, operatorId, tier, "eu-west", Labels.of(Map.of("sim", "true")));
  }

  private static long count(String sql) {
    return db.jdbc().queryForObject(sql, Long.class);
  }

  @Test
  void enroll_admitsNewNodesAsActive_createsTheirOperators_andAuditsEach() {
    List<String> admitted =
        enrollment.enroll(
            List.of(
                request("n-1", "acme", Tier.ORACLE),
                request("n-2", "acme", Tier.GUARDIAN),
                request("n-3", "borealis", Tier.ALL)),
            "simulator");

    assertThat(admitted).containsExactly("n-1", "n-2", "n-3");
    Node node = nodes.findById("n-2").orElseThrow();
    assertThat(node.status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(node.tier()).isEqualTo(Tier.GUARDIAN);
    assertThat(node.operatorId()).isEqualTo("acme");
    assertThat(node.region()).isEqualTo("eu-west");
    assertThat(node.labels()).isEqualTo(Labels.of(Map.of("sim", "true")));
    assertThat(node.attestationStatus()).isEqualTo(AttestationStatus.UNATTESTED);
    assertThat(db.jdbc().queryForList("SELECT id FROM operators ORDER BY id", String.class))
        .containsExactly("acme", "borealis");
    AuditEntry entry = audit.recentFor("n-1", 10).getFirst();
    assertThat(entry.action()).isEqualTo("node.enrolled");
    assertThat(entry.actor()).isEqualTo("simulator");
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'node.enrolled'")).isEqualTo(3);
  }

  @Test
  void enroll_isIdempotent_existingNodesKeepTheirState_andOnlyNewOnesAreAudited() {
    enrollment.enroll(List.of(request("n-1", "acme", Tier.ORACLE)), "simulator");
    db.jdbc().update("UPDATE nodes SET status = 'QUARANTINED' WHERE id = 'n-1'");

    List<String> admitted =
        enrollment.enroll(
            List.of(
                request("n-1", "other-operator", Tier.GUARDIAN), request("n-2", "acme", Tier.ALL)),
            "simulator");

    assertThat(admitted).containsExactly("n-2");
    Node existing = nodes.findById("n-1").orElseThrow();
    assertThat(existing.status()).isEqualTo(NodeStatus.QUARANTINED);
    assertThat(existing.tier()).isEqualTo(Tier.ORACLE);
    assertThat(existing.operatorId()).isEqualTo("acme");
    assertThat(audit.recentFor("n-1", 10)).hasSize(1);
    assertThat(audit.recentFor("n-2", 10)).hasSize(1);
    assertThat(count("SELECT count(*) FROM nodes")).isEqualTo(2);
  }

  @Test
  void enroll_sameBatchTwice_admitsAndAuditsNothingTheSecondTime() {
    List<EnrollmentRequest> fleet =
        List.of(request("n-1", "acme", Tier.ORACLE), request("n-2", "acme", Tier.ORACLE));
    enrollment.enroll(fleet, "simulator");

    assertThat(enrollment.enroll(fleet, "simulator")).isEmpty();
    assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM nodes")).isEqualTo(2);
  }

  @Test
  void enroll_keepsTheNameOfAnExistingOperator() {
    db.jdbc().update("INSERT INTO operators (id, name) VALUES ('acme', 'Acme Nodes Ltd')");

    enrollment.enroll(List.of(request("n-1", "acme", Tier.ORACLE)), "simulator");

    assertThat(db.jdbc().queryForObject("SELECT name FROM operators", String.class))
        .isEqualTo("Acme Nodes Ltd");
  }
}
