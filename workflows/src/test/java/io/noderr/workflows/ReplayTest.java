package io.noderr.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.signing.DemoSigners;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.workflows.alert.AlertEvaluationWorkflowImpl;
import io.noderr.workflows.emergency.EmergencyWorkflowImpl;
import io.noderr.workflows.governance.ProposalWorkflowImpl;
import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflowImpl;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.noderr.workflows.release.ReleaseApprovalWorkflowImpl;
import io.noderr.workflows.rewards.RewardEpochWorkflowImpl;
import io.noderr.workflows.rollout.NodeBatchWorkflowImpl;
import io.noderr.workflows.rollout.RolloutWorkflowImpl;
import io.noderr.workflows.slashing.SlashingDisputeWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.web3j.crypto.Hash;

/**
 * Replays every checked-in history against today's workflow code; a non-deterministic change (one
 * not guarded by {@code Workflow.getVersion}) fails here. Histories live under {@code
 * src/test/resources/histories/<workflow>/<scenario>.json} and are re-recorded with {@code
 * -Dnoderr.recordHistories=true} only when a change is meant to be new behaviour.
 */
class ReplayTest {

  /**
   * The implementation replaying each directory's histories, and the workflow id they were recorded
   * under where the code derives ids from it (the rollout names its child batches after its own id;
   * the replayer would otherwise use a placeholder id).
   */
  private record Replayed(Class<?> workflow, String workflowId) {}

  private static final Map<String, Replayed> WORKFLOWS =
      Map.of(
          "node-health-check", new Replayed(NodeHealthCheckWorkflowImpl.class, null),
          "onboarding", new Replayed(OnboardingWorkflowImpl.class, null),
          "release", new Replayed(ReleaseApprovalWorkflowImpl.class, null),
          "rollout", new Replayed(RolloutWorkflowImpl.class, "rollout-ALL-1.5.0"),
          "node-batch", new Replayed(NodeBatchWorkflowImpl.class, null),
          "emergency", new Replayed(EmergencyWorkflowImpl.class, "emergency-1"),
          "alert-evaluation", new Replayed(AlertEvaluationWorkflowImpl.class, null),
          "proposal", new Replayed(ProposalWorkflowImpl.class, null),
          "reward-epoch", new Replayed(RewardEpochWorkflowImpl.class, null),
          "slashing-dispute", new Replayed(SlashingDisputeWorkflowImpl.class, null));

  /**
   * The replayer's deadlock detector gives a workflow task one second. The first signature a
   * workflow checks loads web3j's and BouncyCastle's curve and keccak classes, which can take
   * longer than that on a loaded machine; do it once before any history replays.
   */
  @BeforeAll
  static void loadTheSigningCryptography() {
    assertThat(new MultisigDomain(1337, DemoSigners.addresses().getFirst()).chainId())
        .isEqualTo(1337);
    byte[] digest = Hash.sha3(new byte[32]);
    Signatures.recover(digest, Signatures.sign(digest, DemoSigners.key(DemoSigners.GUARDIAN)));
  }

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplays() throws IOException {
    Path root = Path.of("src/test/resources/histories");
    List<Path> histories;
    try (Stream<Path> files = Files.walk(root)) {
      histories = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(histories).as("checked-in histories").isNotEmpty();
    assertThat(WORKFLOWS.keySet())
        .as("every workflow has recorded histories")
        .allSatisfy(dir -> assertThat(root.resolve(dir)).isDirectoryContaining("glob:**.json"));
    return histories.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    root.relativize(file).toString(),
                    () -> {
                      Replayed replayed = WORKFLOWS.get(file.getParent().getFileName().toString());
                      assertThat(replayed).as("workflow for " + file).isNotNull();
                      String json = Files.readString(file);
                      WorkflowReplayer.replayWorkflowExecution(
                          replayed.workflowId() == null
                              ? WorkflowExecutionHistory.fromJson(json)
                              : WorkflowExecutionHistory.fromJson(json, replayed.workflowId()),
                          replayed.workflow());
                    }));
  }
}
