package io.noderr.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node's update history at fleet scale: 20 fleet-wide rollouts of 10,000 nodes (200,000 plan
 * rows), read for one node through the index on the node (Flyway V16).
 */
class NodeUpdateHistoryIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static final int NODES = 10_000;
  private static final int ROLLOUTS = 20;

  private final NodeUpdateHistory history = db.bean(NodeUpdateHistory.class);

  @Test
  void recent_givesTheNodesNewestResultsFirst_throughTheIndexOnTheNode() {
    db.jdbc().update("INSERT INTO operators (id, name) VALUES ('acme', 'Acme')");
    db.jdbc()
        .update(
            "INSERT INTO nodes (id, operator_id, tier, region, status)"
                + " SELECT 'n-' || i, 'acme', 'ORACLE', 'eu', 'ACTIVE'"
                + " FROM generate_series(1, ?) i",
            NODES);
    db.jdbc()
        .update(
            "INSERT INTO rollouts (id, version, status, last_step, created_at)"
                + " SELECT 'rollout-' || r, '1.' || r || '.0', 'COMPLETED', 1,"
                + " '2026-11-01T00:00:00Z'::timestamptz + r * interval '1 day'"
                + " FROM generate_series(1, ?) r",
            ROLLOUTS);
    db.jdbc()
        .update(
            "INSERT INTO rollout_targets (rollout_id, position, node_id, tier, operator, region,"
                + " status, stage, millis, updated_at)"
                + " SELECT 'rollout-' || r, i - 1, 'n-' || i, 'ORACLE', 'acme', 'eu', 'UPDATED', 1,"
                + " 900, '2026-11-01T00:00:00Z'::timestamptz + r * interval '1 day'"
                + " + i * interval '1 second'"
                + " FROM generate_series(1, ?) r, generate_series(1, ?) i",
            ROLLOUTS,
            NODES);
    db.jdbc().execute("ANALYZE rollout_targets, rollouts");

    assertThat(history.recent("n-42", 3))
        .extracting(NodeUpdateHistory.Entry::rolloutId)
        .containsExactly("rollout-20", "rollout-19", "rollout-18");

    List<String> plan =
        db.jdbc()
            .queryForList(
                "EXPLAIN SELECT t.rollout_id, r.version, t.status, t.stage, t.millis, t.detail,"
                    + " t.updated_at FROM rollout_targets t JOIN rollouts r ON r.id = t.rollout_id"
                    + " WHERE t.node_id = 'n-42' ORDER BY t.updated_at DESC, t.rollout_id LIMIT 3",
                String.class);
    assertThat(String.join("\n", plan))
        .contains("rollout_targets_node")
        .doesNotContain("Seq Scan on rollout_targets");
  }
}
