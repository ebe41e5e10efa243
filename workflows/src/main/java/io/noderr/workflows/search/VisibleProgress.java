package io.noderr.workflows.search;

import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Objects;

/**
 * Keeps a running workflow's {@code NoderrStage}, {@code NoderrNodeId} and memo summary in step
 * with its state, so the Temporal UI's list and queries show where it is now. Upserts only what
 * changed, and only in executions that started on code that upserts: histories recorded before (the
 * checked-in ones, and workflows in flight at the upgrade) replay without these commands. Workflow
 * code only.
 */
public final class VisibleProgress {

  /** The {@code Workflow.getVersion} change id of upserting stage and summary. */
  static final String CHANGE_ID = "search-attributes";

  private final boolean enabled;
  private String stage;
  private String summary;
  private List<String> nodeIds;

  /**
   * Call once at the start of the workflow method, with what the starter set (see the workflow
   * interfaces' {@code startOptions}); the first changes are upserted from there.
   */
  public VisibleProgress(String stageAtStart, String summaryAtStart) {
    this.enabled = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    this.stage = stageAtStart;
    this.summary = summaryAtStart;
  }

  /** Whether this execution shows its progress (false when replaying an older history). */
  public boolean enabled() {
    return enabled;
  }

  public void show(String newStage, String newSummary) {
    if (!enabled) {
      return;
    }
    if (!Objects.equals(newStage, stage)) {
      Workflow.upsertTypedSearchAttributes(NoderrSearchAttributes.STAGE.valueSet(newStage));
      stage = newStage;
    }
    if (!Objects.equals(newSummary, summary)) {
      Workflow.upsertMemo(NoderrSearchAttributes.memo(newSummary));
      summary = newSummary;
    }
  }

  /** Adds the node ids the workflow learnt (an onboarding's node, once registered). */
  public void showNodes(List<String> ids) {
    if (!enabled || ids.equals(nodeIds)) {
      return;
    }
    Workflow.upsertTypedSearchAttributes(NoderrSearchAttributes.NODE_ID.valueSet(ids));
    nodeIds = List.copyOf(ids);
  }
}
