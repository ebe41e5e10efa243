package io.noderr.worker.autodeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import io.noderr.registry.emergency.TierHolds;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEventRow.Backend;
import io.noderr.registry.release.BeaconEventRow.Kind;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutPreset;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Auto-deploy against a real PostgreSQL and the Temporal test server (no worker polls, so a started
 * deployment stays at its first task and its input can be read from its history).
 */
class AutoDeployerIT {

  private static final String DIGEST = "sha256:" + "a7".repeat(32);
  private static final AtomicInteger TRANSACTIONS = new AtomicInteger();

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final BeaconEvents events = db.bean(BeaconEvents.class);
  private final AutoDeployPolicies policies = db.bean(AutoDeployPolicies.class);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private AutoDeployer deployer;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    env.start();
    client = env.getWorkflowClient();
    deployer =
        new AutoDeployer(
            policies,
            events,
            client,
            db.bean(AuditLog.class),
            db.bean(TierHolds.class),
            db.bean(GovernanceParameters.class));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void publicationsFromBeforeTheFirstSweep_areNeverDeployed() {
    policies.set(Tier.ALL, true, "canary", "alice");
    publish(Tier.ALL, "1.9.0");

    deployer.sweep();
    deployer.sweep();

    assertThat(policies.cursor()).hasValue(events.lastEventId());
    assertNotStarted("rollout-ALL-1.9.0");
  }

  @Test
  void aPublication_startsADeploymentOfExactlyThatRelease_onlyWhereThePolicyIsOn_once() {
    deployer.sweep();
    policies.set(Tier.ORACLE, true, "phased", "alice");
    policies.set(Tier.GUARDIAN, false, "canary", "alice");
    publish(Tier.ALL, "2.0.0");
    publish(Tier.ORACLE, "2.0.0");
    publish(Tier.GUARDIAN, "2.0.0");

    deployer.sweep();
    publish(Tier.ORACLE, "2.0.0"); // the same release recorded again (another transaction)
    deployer.sweep();

    RolloutInput started = inputOf("rollout-ORACLE-2.0.0");
    assertThat(started.version()).isEqualTo("2.0.0");
    assertThat(started.tiers()).containsExactly("ORACLE");
    assertThat(started.imageDigest()).isEqualTo(DIGEST);
    assertThat(started.strategy()).isEqualTo(RolloutPreset.PHASED.strategy());
    assertThat(started.requestedBy()).isEqualTo(AutoDeployer.ACTOR);
    assertNotStarted("rollout-ALL-2.0.0");
    assertNotStarted("rollout-GUARDIAN-2.0.0");
    assertThat(db.bean(AuditLog.class).recentFor("rollout-ORACLE-2.0.0", 5))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("preset phased, policy set by alice"));
    assertThat(policies.cursor()).hasValue(events.lastEventId());
  }

  @Test
  void governancesFirstCohortPercent_startsTheAutoDeployedRollout() {
    deployer.sweep();
    db.bean(GovernanceParameters.class).recordApplied("rollout.canaryPercent", "7", "42");
    policies.set(Tier.ALL, true, "canary", "alice");
    publish(Tier.ALL, "2.1.0");

    deployer.sweep();

    assertThat(inputOf("rollout-ALL-2.1.0").strategy().steps().getFirst().percent()).isEqualTo(7);
  }

  private void publish(Tier tier, String version) {
    events.insert(
        new BeaconEventRow(
            0,
            Backend.LOCAL,
            0,
            "local",
            Kind.VERSION_PUBLISHED,
            tier,
            version,
            DIGEST,
            null,
            null,
            Instant.now(),
            "0x" + TRANSACTIONS.incrementAndGet(),
            1,
            0,
            null));
  }

  private void assertNotStarted(String workflowId) {
    assertThatThrownBy(() -> client.fetchHistory(workflowId)).hasMessageContaining("NOT_FOUND");
  }

  private RolloutInput inputOf(String workflowId) {
    HistoryEvent first = client.fetchHistory(workflowId).getEvents().getFirst();
    assertThat(first.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    return DefaultDataConverter.newDefaultInstance()
        .fromPayloads(
            0,
            Optional.of(first.getWorkflowExecutionStartedEventAttributes().getInput()),
            RolloutInput.class,
            RolloutInput.class);
  }
}
