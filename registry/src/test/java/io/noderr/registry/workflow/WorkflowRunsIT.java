package io.noderr.registry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorkflowRunsIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final WorkflowRuns runs = db.bean(WorkflowRuns.class);

  @Test
  void started_recordsARunningRun_once() {
    runs.started("wf-1", "NodeHealthCheckWorkflow", "n-1", "alice");
    runs.started("wf-1", "OtherWorkflow", "n-2", "bob");

    WorkflowRun run = runs.recentFor("n-1", 10).getFirst();
    assertThat(run.workflowId()).isEqualTo("wf-1");
    assertThat(run.workflowType()).isEqualTo("NodeHealthCheckWorkflow");
    assertThat(run.status()).isEqualTo(WorkflowRunStatus.RUNNING);
    assertThat(run.startedBy()).isEqualTo("alice");
    assertThat(run.startedAt()).isNotNull();
    assertThat(run.endedAt()).isNull();
    assertThat(runs.recentFor("n-2", 10)).isEmpty();
  }

  @Test
  void ended_keepsTheFirstEnding() {
    runs.started("wf-1", "NodeHealthCheckWorkflow", "n-1", "alice");

    assertThat(runs.ended("wf-1", WorkflowRunStatus.COMPLETED, "HEALTHY: ok")).isTrue();
    assertThat(runs.ended("wf-1", WorkflowRunStatus.LOST, "gone")).isFalse();

    WorkflowRun run = runs.recentFor("n-1", 10).getFirst();
    assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(run.detail()).isEqualTo("HEALTHY: ok");
    assertThat(run.endedAt()).isNotNull();
  }

  @Test
  void ended_ofAnUnknownRun_changesNothing() {
    assertThat(runs.ended("nope", WorkflowRunStatus.FAILED, "x")).isFalse();
    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM workflow_runs", Long.class)).isZero();
  }

  @Test
  void running_listsOnlyRunningRuns_oldestFirst() {
    runs.started("wf-new", "T", "n-1", "alice");
    runs.started("wf-old", "T", "n-2", "alice");
    runs.started("wf-done", "T", "n-3", "alice");
    db.jdbc()
        .update(
            "UPDATE workflow_runs SET started_at = now() - interval '1 hour'"
                + " WHERE workflow_id = 'wf-old'");
    runs.ended("wf-done", WorkflowRunStatus.COMPLETED, null);

    assertThat(runs.running())
        .extracting(WorkflowRun::workflowId)
        .containsExactly("wf-old", "wf-new");
  }

  @Test
  void recentFor_returnsTheSubjectsRuns_newestFirst_upToTheLimit() {
    for (int i = 1; i <= 3; i++) {
      runs.started("wf-" + i, "T", "n-1", "alice");
      db.jdbc()
          .update(
              "UPDATE workflow_runs SET started_at = now() - make_interval(mins => ?)"
                  + " WHERE workflow_id = ?",
              10 - i,
              "wf-" + i);
    }

    assertThat(runs.recentFor("n-1", 2))
        .extracting(WorkflowRun::workflowId)
        .containsExactly("wf-3", "wf-2");
  }
}
