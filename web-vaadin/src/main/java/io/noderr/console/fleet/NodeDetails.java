package io.noderr.console.fleet;

import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.node.Node;
import io.noderr.registry.workflow.WorkflowRun;
import java.net.URI;
import java.util.List;

/** Everything the node detail page and {@code GET /api/v1/nodes/{id}} show about one node. */
public record NodeDetails(
    Node node, String operatorName, List<AuditEntry> recentAudit, List<LinkedRun> recentWorkflows) {

  /** A workflow run with its Temporal UI page ({@code temporalUi} is null without a UI). */
  public record LinkedRun(WorkflowRun run, URI temporalUi) {}
}
