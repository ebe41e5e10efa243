package io.noderr.worker.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.noderr.activities.node.NodeUpdateResult;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * What rollouts do, counted where their results and steps are recorded: how long each node's update
 * took by outcome ({@code noderr_node_update_duration_seconds}) and the gates' verdicts ({@code
 * noderr_rollout_gate_verdicts_total}). Counted once per recorded step or result batch: a retried
 * activity that finds the step already written counts nothing.
 */
@Component
public class RolloutMeters {

  private final MeterRegistry registry;

  public RolloutMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void updated(NodeUpdateResult result, boolean reverting) {
    Timer.builder("noderr.node.update.duration")
        .description("How long a node's update (or rollback) took, by outcome")
        .tag("outcome", result.outcome().name().toLowerCase())
        .tag("direction", reverting ? "rollback" : "update")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(30))
        .register(registry)
        .record(Duration.ofMillis(Math.max(0, result.millis())));
  }

  /** A step the rollout recorded; stage-done, gate-failed and gate-overridden are gate verdicts. */
  void step(String action) {
    String verdict =
        switch (action) {
          case "rollout.stage-done" -> "passed";
          case "rollout.gate-failed" -> "failed";
          case "rollout.gate-overridden" -> "overridden";
          default -> null;
        };
    if (verdict != null) {
      Counter.builder("noderr.rollout.gate.verdicts")
          .description("Stage gates evaluated by rollouts, by verdict")
          .tag("verdict", verdict)
          .register(registry)
          .increment();
    }
  }
}
