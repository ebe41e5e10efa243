package io.noderr.app.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The benchmark's floor: the same fleet driven through three no-op node activities per node (the
 * agent's status report, on each node's own queue) with the same batching — children of 500 — and
 * no platform logic at all (no plan, no registry writes, no gates).
 */
@WorkflowInterface
public interface FloorWorkflow {

  String QUEUE = "bench-floor";

  @WorkflowMethod
  int run(List<String> nodeIds);
}
