package io.noderr.worker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.activities.alert.AlertEvaluation;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.Severity;
import io.noderr.registry.alert.SilenceLimits;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutInputJson;
import io.noderr.workflows.rollout.RolloutPreset;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every rule against facts written to a real PostgreSQL, evaluated by the alert book at a fixed
 * time; and the rollout wave silencing exactly its wave's nodes for their update window.
 */
class AlertRulesIT {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final String ROLLOUT = "rollout-ALL-1.5.0";

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context ->
              AlertWiring.register(
                  context,
                  AlertRulesIT::properties,
                  new SilenceLimits(Duration.ofHours(24), Duration.ofHours(1))));

  private final AlertBook book = db.bean(AlertBook.class);
  private final Alerts alerts = db.bean(Alerts.class);

  private static AlertProperties properties() {
    return new AlertProperties(
        true,
        Duration.ofSeconds(30),
        100,
        "docs/alerts.md",
        List.of(),
        Duration.ofMinutes(15),
        Duration.ofMinutes(1),
        3,
        Map.of(),
        Map.of(),
        new AlertProperties.Rules(
            Duration.ofMinutes(5),
            3,
            0.8,
            Duration.ofMinutes(15),
            Duration.ofHours(24),
            Duration.ofHours(24),
            Duration.ofMinutes(5),
            20,
            Duration.ofMinutes(10)));
  }

  @Test
  void everyRule_findsItsIncident_withSeverityLabelsAndRunbook() {
    db.insertNode("q-1", "op-1", Tier.ORACLE, "eu-west", "QUARANTINED");
    db.insertNode("t-1", "op-1", Tier.ORACLE, "eu-west", "ACTIVE");
    db.jdbc().update("UPDATE nodes SET attestation_status = 'FAILED', last_heartbeat = ?", ts(NOW));
    db.jdbc()
        .update(
            "INSERT INTO rollouts (id, version, status, stage, last_step, updated_at) VALUES"
                + " ('rollout-ALL-1.4.0', '1.4.0', 'GATE_FAILED', 2, 3, ?),"
                + " ('rollout-ALL-1.3.0', '1.3.0', 'ROLLED_BACK', 1, 9, ?),"
                + " ('rollout-ALL-1.2.0', '1.2.0', 'ROLLED_BACK', 1, 9, ?)",
            ts(NOW),
            ts(NOW.minus(Duration.ofHours(1))),
            ts(NOW.minus(Duration.ofDays(3))));
    db.jdbc()
        .update(
            "INSERT INTO beacon_cursor (chain_id, beacon_address, last_block, updated_at)"
                + " VALUES (1337, '0xbeac0n', 42, ?)",
            ts(NOW.minus(Duration.ofMinutes(20))));
    db.jdbc()
        .update(
            "INSERT INTO emergencies (id, action, stage, scope, reason, proposed_by, deadline,"
                + " required, proposal, last_step) VALUES ('emergency-1', 'PAUSE', 'MANDATE',"
                + " 'ALL', 'exploit', 'guardian', ?, 2, '{}', 3)",
            ts(NOW.plus(Duration.ofHours(1))));
    for (int i = 0; i < 20; i++) {
      db.jdbc()
          .update(
              "INSERT INTO audit_log (actor, action, subject) VALUES ('n-x', 'auth.token-refused',"
                  + " 'n-x')");
    }

    AlertEvaluation evaluation = book.evaluate(NOW);

    Map<String, AlertRow> byRule =
        alerts.firing().stream()
            .filter(a -> !a.fingerprint().equals("AttestationFailed/node=t-1"))
            .collect(Collectors.toMap(AlertRow::rule, Function.identity()));
    assertThat(byRule)
        .containsOnlyKeys(
            "NodeQuarantined",
            "AttestationFailed",
            "RolloutGateFailed",
            "RolloutRolledBack",
            "BeaconFollowerStalled",
            "EmergencyInvoked",
            "NodeAuthFailuresSpiking",
            // the emergency acted under a guardian's mandate and waits for ratification
            "SignaturesNeeded");
    assertThat(evaluation.opened()).as("one AttestationFailed per node").isEqualTo(9);
    assertThat(byRule.get("NodeQuarantined").labels())
        .containsEntry("node", "q-1")
        .containsEntry("tier", "ORACLE")
        .containsEntry("severity", "WARNING");
    assertThat(byRule.get("AttestationFailed").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(byRule.get("AttestationFailed").nodes()).containsExactly("q-1");
    assertThat(byRule.get("RolloutRolledBack").labels())
        .containsEntry("rollout", "rollout-ALL-1.3.0");
    assertThat(byRule.get("BeaconFollowerStalled").summary()).contains("block 42");
    assertThat(byRule.get("EmergencyInvoked").labels()).containsEntry("action", "PAUSE");
    assertThat(byRule.get("NodeAuthFailuresSpiking").summary())
        .contains("20 node authentications refused")
        .contains("auth.token-refused 20");
    assertThat(byRule.get("SignaturesNeeded").labels()).containsEntry("kind", "EMERGENCY");
    assertThat(byRule.get("RolloutGateFailed").runbook())
        .isEqualTo("docs/alerts.md#rolloutgatefailed");

    assertThat(book.evaluate(NOW.plusSeconds(30)).opened()).as("dedup").isZero();
    assertThat(alerts.firing()).hasSize(9);
  }

  @Test
  void aRollout_silencesExactlyItsCurrentWavesNodes_forTheirUpdateWindow() {
    // Phased on 20 nodes: stages end at positions 1, 4 and 20; the rollout is in stage 2.
    for (int i = 0; i < 20; i++) {
      db.insertNode("n-" + i, "op-" + i, Tier.ALL, "region-" + i, "ACTIVE");
    }
    db.jdbc().update("UPDATE nodes SET last_heartbeat = ?", ts(NOW.minus(Duration.ofMinutes(30))));
    db.jdbc()
        .update(
            "INSERT INTO rollouts (id, version, status, stage, stages, total, last_step)"
                + " VALUES (?, '1.5.0', 'RUNNING', 2, 3, 20, 4)",
            ROLLOUT);
    RolloutInput input =
        new RolloutInput(
            "1.5.0",
            List.of("ALL"),
            RolloutInput.defaultImage("1.5.0"),
            "sha256:" + "b".repeat(64),
            RolloutPreset.PHASED.strategy(),
            "admin",
            "test");
    db.jdbc()
        .update(
            "INSERT INTO rollout_checkpoints (rollout_id, phase, stage, position, input,"
                + " taken_at_millis) VALUES (?, 'ROLLING_OUT', 2, 3, ?::jsonb, 0)",
            ROLLOUT,
            RolloutInputJson.write(input));
    for (int i = 0; i < 20; i++) {
      db.jdbc()
          .update(
              "INSERT INTO rollout_targets (rollout_id, position, node_id, tier, operator, region,"
                  + " status, updated_at) VALUES (?, ?, ?, 'ALL', ?, ?, ?, ?)",
              ROLLOUT,
              i,
              "n-" + i,
              "op-" + i,
              "region-" + i,
              switch (i) {
                case 0, 1, 3 -> "UPDATED";
                default -> "PENDING";
              },
              ts(
                  switch (i) {
                    case 0 -> NOW.minus(Duration.ofMinutes(40)); // stage 1, long done
                    case 1 -> NOW.minus(Duration.ofMinutes(2)); // wave, just updated
                    case 3 -> NOW.minus(Duration.ofMinutes(30)); // wave, window over
                    default -> NOW.minus(Duration.ofHours(1));
                  }));
    }

    book.evaluate(NOW);

    Map<String, String> silencedBy =
        alerts.firing().stream()
            .collect(
                Collectors.toMap(
                    a -> a.nodes().getFirst(), a -> a.silencedBy() == null ? "-" : a.silencedBy()));
    assertThat(silencedBy).hasSize(20);
    String wave = "rollout " + ROLLOUT + " stage 2";
    assertThat(silencedBy)
        .containsEntry("n-1", wave)
        .containsEntry("n-2", wave)
        .containsEntry("n-0", "-")
        .containsEntry("n-3", "-")
        .containsEntry("n-4", "-")
        .containsEntry("n-19", "-");
    assertThat(silencedBy.values().stream().filter(wave::equals)).hasSize(2);

    db.jdbc().update("UPDATE rollouts SET status = 'PAUSED' WHERE id = ?", ROLLOUT);
    book.evaluate(NOW.plusSeconds(30));
    assertThat(alerts.firing()).allSatisfy(a -> assertThat(a.silencedBy()).isNull());
  }

  private static Timestamp ts(Instant at) {
    return Timestamp.from(at);
  }
}
