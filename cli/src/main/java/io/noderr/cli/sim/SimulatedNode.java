package io.noderr.cli.sim;

import io.noderr.agent.FaultHook;
import io.temporal.activity.Activity;
import io.temporal.worker.Worker;
import java.time.Duration;

/**
 * One simulated agent's failure behaviour. SLOW delays every activity (heartbeating, as a real slow
 * agent would); CRASH suspends the node's worker and heartbeats mid-activity, then "restarts" it
 * after the plan's restart delay.
 */
class SimulatedNode implements FaultHook {

  private final String nodeId;
  private final FailurePlan plan;
  private final Failure failure;
  private volatile Worker worker;
  private volatile boolean down;

  SimulatedNode(String nodeId, FailurePlan plan) {
    this.nodeId = nodeId;
    this.plan = plan;
    this.failure = plan.failureOf(nodeId);
    this.down = failure == Failure.SILENT;
  }

  String nodeId() {
    return nodeId;
  }

  Failure failure() {
    return failure;
  }

  /** Whether the node currently answers (polls its queue and heartbeats). */
  boolean isUp() {
    return !down;
  }

  void attach(Worker nodeWorker) {
    this.worker = nodeWorker;
  }

  @Override
  public void beforeActivity(String activity) {
    switch (failure) {
      case SLOW -> sleepHeartbeating(plan.slowDelayMillis());
      case CRASH -> crash();
      default -> {}
    }
  }

  /** The agent process dies mid-activity and restarts after the plan's restart delay. */
  void crash() {
    down = true;
    Worker polling = worker; // null for a node no worker hosts (unit tests)
    if (polling != null) {
      polling.suspendPolling();
    }
    // The process is "dead": the activity never finishes nor heartbeats, so the platform sees a
    // heartbeat timeout, exactly as with a real crashed agent. Then the agent comes back.
    sleep(plan.crashRestartMillis());
    if (polling != null) {
      polling.resumePolling();
    }
    down = false;
    throw new IllegalStateException("simulated agent crash during activity");
  }

  static void sleepHeartbeating(long millis) {
    long until = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < until) {
      Activity.getExecutionContext().heartbeat(null);
      sleep(Math.min(1_000, until - System.currentTimeMillis()));
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(Duration.ofMillis(Math.max(0, millis)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
