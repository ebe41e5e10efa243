package io.noderr.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflowImpl;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.noderr.workflows.release.ReleaseApprovalWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every checked-in history against today's workflow code; a non-deterministic change (one
 * not guarded by {@code Workflow.getVersion}) fails here. Histories live under {@code
 * src/test/resources/histories/<workflow>/<scenario>.json} and are re-recorded with {@code
 * -Dnoderr.recordHistories=true} only when a change is meant to be new behaviour.
 */
class ReplayTest {

  private static final Map<String, Class<?>> WORKFLOWS =
      Map.of(
          "node-health-check", NodeHealthCheckWorkflowImpl.class,
          "onboarding", OnboardingWorkflowImpl.class,
          "release", ReleaseApprovalWorkflowImpl.class);

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
                      Class<?> workflow = WORKFLOWS.get(file.getParent().getFileName().toString());
                      assertThat(workflow).as("workflow for " + file).isNotNull();
                      WorkflowReplayer.replayWorkflowExecution(
                          WorkflowExecutionHistory.fromJson(Files.readString(file)), workflow);
                    }));
  }
}
