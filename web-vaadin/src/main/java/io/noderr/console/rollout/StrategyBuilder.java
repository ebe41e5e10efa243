package io.noderr.console.rollout;

import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.workflows.rollout.GatePolicy;
import io.noderr.workflows.rollout.RateSchedule;
import io.noderr.workflows.rollout.RolloutStep;
import io.noderr.workflows.rollout.RolloutStrategy;
import io.noderr.workflows.rollout.RolloutStrategy.GateFailureAction;
import java.time.Duration;
import java.util.List;

/** A form's choices on top of a preset's defaults; every problem reported at once. */
final class StrategyBuilder {

  private StrategyBuilder() {}

  static RolloutStrategy from(DeploymentForm form) {
    RolloutStrategy base = preset(form.preset());
    List<RolloutStep> steps =
        form.steps() == null || form.steps().isEmpty()
            ? base.steps()
            : StepSyntax.parse(form.steps());
    double ramp = form.ramp() == null ? 1 : form.ramp();
    if (ramp < 1 || ramp > 10) {
      throw new InvalidDeploymentException("ramp must be between 1 and 10");
    }
    GatePolicy gates =
        new GatePolicy(
            or(form.maxFailurePercent(), base.gates().maxFailurePercent()),
            base.gates().maxFailurePercentByType(),
            or(form.minExecuted(), base.gates().minExecuted()),
            or(form.maxConsecutiveFailures(), base.gates().maxConsecutiveFailures()));
    RolloutStrategy strategy =
        new RolloutStrategy(
            steps,
            form.ratePerMinute() == null || form.ratePerMinute() == 0
                ? RateSchedule.UNLIMITED
                : new RateSchedule(form.ratePerMinute(), ramp, 0),
            or(form.maxParallel(), base.maxParallel()),
            form.perNodeDeadlineSeconds() == null
                ? base.perNodeDeadlineMillis()
                : Duration.ofSeconds(form.perNodeDeadlineSeconds()).toMillis(),
            base.progressDeadlineMillis(),
            gates,
            form.onGateFailure() == null
                ? base.onGateFailure()
                : GateFailureAction.valueOf(form.onGateFailure()),
            form.updateStrategy() == null
                ? base.updateStrategy()
                : NodeUpdateRequest.Strategy.valueOf(form.updateStrategy()),
            form.soakSeconds() == null
                ? base.soakMillis()
                : Duration.ofSeconds(form.soakSeconds()).toMillis(),
            form.rollbackWindowHours() == null
                ? base.rollbackWindowMillis()
                : Duration.ofHours(form.rollbackWindowHours()).toMillis(),
            List.of());
    List<String> problems = strategy.problems();
    if (!problems.isEmpty()) {
      throw new InvalidDeploymentException(String.join("; ", problems));
    }
    return strategy;
  }

  /**
   * The emergency path: every node at once at maximum safe parallelism, no pauses, no gates, no
   * soak; the rollback window is zero (this is the rollback).
   */
  static RolloutStrategy emergency() {
    RolloutStrategy base = RolloutStrategy.allAtOnce();
    return new RolloutStrategy(
        base.steps(),
        RateSchedule.UNLIMITED,
        500,
        base.perNodeDeadlineMillis(),
        base.progressDeadlineMillis(),
        new GatePolicy(100, java.util.Map.of(), 0, 0),
        GateFailureAction.PAUSE,
        base.updateStrategy(),
        0,
        0,
        List.of());
  }

  private static RolloutStrategy preset(String name) {
    return switch (name == null ? "canary" : name) {
      case "phased" -> RolloutStrategy.phased();
      case "all-at-once" -> RolloutStrategy.allAtOnce();
      default -> RolloutStrategy.canary();
    };
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
