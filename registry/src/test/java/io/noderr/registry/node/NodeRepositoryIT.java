package io.noderr.registry.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.OptimisticLockingFailureException;

class NodeRepositoryIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final NodeRepository nodes = db.bean(NodeRepository.class);
  private final OperatorRepository operators = db.bean(OperatorRepository.class);

  @BeforeEach
  void acmeOperator() {
    db.jdbc()
        .update(
            "INSERT INTO operators (id, name, contact) VALUES ('acme', 'Acme Nodes', 'ops@acme')");
  }

  private static Node admitted(String id, Labels labels) {
    return Node.admitted(
        id, "acme", Tier.ORACLE, "eu-west", labels, Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void save_insertsANewNode_thatReadsBackUnchanged() {
    Node saved = nodes.save(admitted("n-1", Labels.none()));

    Node read = nodes.findById("n-1").orElseThrow();

    assertThat(read).isEqualTo(saved);
    assertThat(read.status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(read.attestationStatus()).isEqualTo(AttestationStatus.UNATTESTED);
    assertThat(read.rowVersion()).isNotNull();
  }

  @Test
  void labels_roundTripThroughJsonb() {
    Labels labels = Labels.of(Map.of("zone", "eu-west-1a", "rack", "r7", "quote", "a \"b\" ü"));
    nodes.save(admitted("n-1", labels));

    assertThat(nodes.findById("n-1").orElseThrow().labels()).isEqualTo(labels);
    assertThat(db.jdbc().queryForObject("SELECT jsonb_typeof(labels) FROM nodes", String.class))
        .isEqualTo("object");
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT labels ->> 'zone' FROM nodes WHERE id = 'n-1'", String.class))
        .isEqualTo("eu-west-1a");
  }

  @Test
  void labels_emptyRoundTripAsNone() {
    nodes.save(admitted("n-1", Labels.none()));

    assertThat(nodes.findById("n-1").orElseThrow().labels()).isEqualTo(Labels.none());
    assertThat(db.jdbc().queryForObject("SELECT labels::text FROM nodes", String.class))
        .isEqualTo("{}");
  }

  @Test
  void save_bumpsTheRowVersion() {
    Node saved = nodes.save(admitted("n-1", Labels.none()));

    Node updated = nodes.save(saved.withStatus(NodeStatus.QUARANTINED));

    assertThat(updated.rowVersion()).isEqualTo(saved.rowVersion() + 1);
    assertThat(nodes.findById("n-1").orElseThrow().status()).isEqualTo(NodeStatus.QUARANTINED);
  }

  @Test
  void save_ofAStaleCopy_throwsOptimisticLockingFailure_andKeepsTheFirstWrite() {
    nodes.save(admitted("n-1", Labels.none()));
    Node first = nodes.findById("n-1").orElseThrow();
    Node second = nodes.findById("n-1").orElseThrow();
    nodes.save(first.withStatus(NodeStatus.QUARANTINED));

    assertThatThrownBy(() -> nodes.save(second.withStatus(NodeStatus.RETIRED)))
        .isInstanceOf(OptimisticLockingFailureException.class);
    assertThat(nodes.findById("n-1").orElseThrow().status()).isEqualTo(NodeStatus.QUARANTINED);
  }

  @Test
  void save_ofACopyReadBeforeTheSweepDegradedIt_throwsOptimisticLockingFailure() {
    Node saved = nodes.save(admitted("n-1", Labels.none()));
    db.jdbc().update("UPDATE nodes SET created_at = now() - interval '1 hour'");
    assertThat(db.bean(LivenessRegistry.class).degradeSilentNodes(Duration.ofMinutes(1)))
        .containsExactly("n-1");

    assertThatThrownBy(() -> nodes.save(saved.withStatus(NodeStatus.RETIRED)))
        .isInstanceOf(OptimisticLockingFailureException.class);
    assertThat(nodes.findById("n-1").orElseThrow().status()).isEqualTo(NodeStatus.DEGRADED);
  }

  @Test
  void operators_areReadById() {
    Operator acme = operators.findById("acme").orElseThrow();

    assertThat(acme.name()).isEqualTo("Acme Nodes");
    assertThat(acme.contact()).isEqualTo("ops@acme");
    assertThat(acme.createdAt()).isNotNull();
    assertThat(operators.findById("nobody")).isEmpty();
  }
}
