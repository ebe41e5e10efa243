package io.noderr.worker.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.emergency.EmergencyAction;
import io.noderr.activities.emergency.EmergencyProgress;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.LocalBeacon;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The emergency meters against a real PostgreSQL, wired as the worker wires them: each recorded
 * step counts once in {@code noderr_emergency_steps_total} (Temporal retries activities), and the
 * acting steps' series exist before the first emergency.
 */
class EmergencyMetersIT {

  private static final TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(
                LocalBeacon.class,
                () ->
                    new LocalBeacon(
                        new BeaconProperties.Local(
                            1337, List.of(), null, List.of(), Duration.ofHours(24)),
                        context.getBean(LocalBeaconStore.class)));
            context.registerBean(
                io.temporal.client.WorkflowClient.class, temporal::getWorkflowClient);
            context.registerBean(DeploymentBrakes.class);
            context.registerBean(ObjectMapper.class);
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(EmergencyMeters.class);
            context.registerBean(EmergencyActivitiesImpl.class);
          });

  private final EmergencyActivitiesImpl activities = db.bean(EmergencyActivitiesImpl.class);
  private final MeterRegistry registry = db.bean(MeterRegistry.class);

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  @Test
  void theActingStepsOfEveryAction_areThereAtZero_beforeAnyEmergency() {
    MeterRegistry fresh = new SimpleMeterRegistry();
    new EmergencyMeters(fresh);

    for (EmergencyAction action : EmergencyAction.values()) {
      for (String step : EmergencyMeters.ACTING_STEPS) {
        assertThat(steps(fresh, action.name().toLowerCase(), step))
            .as(action + " " + step)
            .isZero();
      }
    }
  }

  @Test
  void eachRecordedStep_countsOnce_byActionAndStep_evenWhenTheActivityIsRetried() {
    activities.recordEmergency(progress(1, "AWAITING_SIGNATURES", "alice", "emergency.proposed"));
    activities.recordEmergency(progress(1, "AWAITING_SIGNATURES", "alice", "emergency.proposed"));
    activities.recordEmergency(progress(2, "MANDATE", "guardian", "emergency.mandate"));

    assertThat(steps(registry, "quarantine", "proposed")).isEqualTo(1);
    assertThat(steps(registry, "quarantine", "mandate")).isEqualTo(1);
    assertThat(steps(registry, "quarantine", "done")).isZero();
  }

  private static double steps(MeterRegistry registry, String action, String step) {
    return registry
        .get("noderr.emergency.steps")
        .tag("action", action)
        .tag("step", step)
        .counter()
        .count();
  }

  private static EmergencyProgress progress(
      int sequence, String stage, String actor, String action) {
    EmergencyProposal proposal =
        new EmergencyProposal(
            EmergencyAction.QUARANTINE,
            List.of(),
            null,
            null,
            List.of("n-1"),
            null,
            List.of(),
            0,
            "compromised host",
            "alice",
            Instant.now().plus(Duration.ofHours(1)).getEpochSecond(),
            null);
    return new EmergencyProgress(
        "emergency-1",
        proposal,
        stage,
        "nodes n-1",
        2,
        List.of(),
        0,
        List.of(),
        null,
        new EmergencyProgress.Step(sequence, actor, action, stage + " after step " + sequence));
  }
}
