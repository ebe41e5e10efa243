package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.workflows.rollout.RolloutStep.Pause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a rollout proceeds: its stages, pace, limits, gates, and what a failed gate does.
 *
 * @param maxParallel node updates in flight at once
 * @param perNodeDeadlineMillis a node that has not finished by then counts as failed (TIMEOUT)
 * @param progressDeadlineMillis the whole rollout must finish (excluding operator pauses) by then
 * @param onGateFailure ROLLBACK (the default: every updated node goes back) or PAUSE (wait for an
 *     operator)
 * @param soakMillis how long each new container must stay healthy before its swap commits
 * @param rollbackWindowMillis how long after completion a fast rollback stays possible
 */
public record RolloutStrategy(
    List<RolloutStep> steps,
    RateSchedule rate,
    int maxParallel,
    long perNodeDeadlineMillis,
    long progressDeadlineMillis,
    GatePolicy gates,
    GateFailureAction onGateFailure,
    NodeUpdateRequest.Strategy updateStrategy,
    long soakMillis,
    long rollbackWindowMillis,
    List<WindowRule> maintenanceWindows) {

  public enum GateFailureAction {
    ROLLBACK,
    PAUSE
  }

  /** A maintenance window for the nodes of one operator or region ("*" matches any). */
  public record WindowRule(String operator, String region, MaintenanceWindow window) {

    boolean covers(String nodeOperator, String nodeRegion) {
      return ("*".equals(operator) || operator.equals(nodeOperator))
          && ("*".equals(region) || region.equals(nodeRegion));
    }
  }

  public RolloutStrategy {
    steps = List.copyOf(steps);
    maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
  }

  private static final long MINUTE = 60_000;

  /** Canary 1% → 10% → 50% → 100%, a 5-minute pause after each of the first three stages. */
  public static RolloutStrategy canary() {
    return withSteps(
        List.of(
            RolloutStep.percent(1, Pause.TIMED, 5 * MINUTE),
            RolloutStep.percent(10, Pause.TIMED, 5 * MINUTE),
            RolloutStep.percent(50, Pause.TIMED, 5 * MINUTE),
            RolloutStep.percent(100, Pause.NONE, 0)));
  }

  /** Phased 5% → 20% → 100% (the 5/15/80 split), the first stage behind a manual gate. */
  public static RolloutStrategy phased() {
    return withSteps(
        List.of(
            RolloutStep.percent(5, Pause.MANUAL, 0),
            RolloutStep.percent(20, Pause.TIMED, 10 * MINUTE),
            RolloutStep.percent(100, Pause.NONE, 0)));
  }

  /**
   * The emergency rollback: every node at once at maximum safe parallelism, no pauses, no gates, no
   * soak; the rollback window is zero (this is the rollback). Only the EmergencyWorkflow starts it,
   * after its quorum signed.
   */
  public static RolloutStrategy emergency() {
    RolloutStrategy base = allAtOnce();
    return new RolloutStrategy(
        base.steps(),
        RateSchedule.UNLIMITED,
        500,
        base.perNodeDeadlineMillis(),
        base.progressDeadlineMillis(),
        new GatePolicy(100, Map.of(), 0, 0),
        GateFailureAction.PAUSE,
        base.updateStrategy(),
        0,
        0,
        List.of());
  }

  /** Every node in one stage (the gates still stop it). */
  public static RolloutStrategy allAtOnce() {
    return withSteps(List.of(RolloutStep.percent(100, Pause.NONE, 0)));
  }

  /**
   * This strategy with its first cohort at {@code percent} of the fleet (governance's {@code
   * rollout.canaryPercent}), kept below the next stage's percent. A strategy of one stage, or whose
   * first stage is a node count, has no canary cohort and is answered unchanged.
   */
  public RolloutStrategy withFirstCohortPercent(int percent) {
    if (steps.size() < 2 || steps.get(0).percent() == null || steps.get(1).percent() == null) {
      return this;
    }
    RolloutStep first = steps.get(0);
    int bounded = Math.max(1, Math.min(percent, steps.get(1).percent() - 1));
    List<RolloutStep> changed = new ArrayList<>(steps);
    changed.set(0, RolloutStep.percent(bounded, first.pause(), first.pauseMillis()));
    return new RolloutStrategy(
        changed,
        rate,
        maxParallel,
        perNodeDeadlineMillis,
        progressDeadlineMillis,
        gates,
        onGateFailure,
        updateStrategy,
        soakMillis,
        rollbackWindowMillis,
        maintenanceWindows);
  }

  /** The defaults of every preset with these steps. */
  public static RolloutStrategy withSteps(List<RolloutStep> steps) {
    return new RolloutStrategy(
        steps,
        RateSchedule.UNLIMITED,
        500,
        Duration.ofMinutes(10).toMillis(),
        Duration.ofHours(24).toMillis(),
        GatePolicy.DEFAULT,
        GateFailureAction.ROLLBACK,
        NodeUpdateRequest.Strategy.HAND_OVER,
        Duration.ofSeconds(30).toMillis(),
        Duration.ofHours(24).toMillis(),
        List.of());
  }

  /** Every problem with this strategy, in words (empty when it is usable). */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (steps.isEmpty()) {
      problems.add("a rollout needs at least one step");
    }
    for (int i = 0; i < steps.size(); i++) {
      String problem = steps.get(i).problem(i);
      if (problem != null) {
        problems.add(problem);
      }
    }
    if (problems.isEmpty()) {
      checkGrowth(problems);
    }
    if (maxParallel < 1 || maxParallel > 2_000) {
      problems.add("maxParallel must be between 1 and 2000");
    }
    if (perNodeDeadlineMillis <= soakMillis) {
      problems.add("the per-node deadline must be longer than the soak period");
    }
    if (progressDeadlineMillis <= 0) {
      problems.add("the progress deadline must be positive");
    }
    if (soakMillis < 0 || rollbackWindowMillis < 0) {
      problems.add("soak and rollback window must not be negative");
    }
    if (gates == null || onGateFailure == null || updateStrategy == null || rate == null) {
      problems.add("gates, onGateFailure, updateStrategy and rate are required");
    } else if (gates.problem() != null) {
      problems.add(gates.problem());
    }
    return problems;
  }

  /** Percent steps must grow and end at 100%, so every targeted node is reached. */
  private void checkGrowth(List<String> problems) {
    int previousPercent = 0;
    for (RolloutStep step : steps) {
      if (step.percent() != null) {
        if (step.percent() <= previousPercent) {
          problems.add(
              "percent steps must grow: " + step.percent() + "% after " + previousPercent + "%");
        }
        previousPercent = step.percent();
      }
    }
    RolloutStep last = steps.getLast();
    if (last.percent() == null || last.percent() != 100) {
      problems.add("the last step must reach 100% of the targeted nodes");
    }
  }

  /** Cumulative node counts at the end of each stage, for {@code total} targeted nodes. */
  public List<Integer> stageTargets(int total) {
    List<Integer> targets = new ArrayList<>(steps.size());
    int previous = 0;
    for (RolloutStep step : steps) {
      previous = Math.max(previous, step.cumulativeTarget(total));
      targets.add(previous);
    }
    return targets;
  }

  /** The window that governs this node, or null when it may update any time. */
  public MaintenanceWindow windowFor(String operator, String region) {
    return maintenanceWindows.stream()
        .filter(rule -> rule.covers(operator, region))
        .map(WindowRule::window)
        .findFirst()
        .orElse(null);
  }
}
