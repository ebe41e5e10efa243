package io.noderr.console.rollout;

import io.noderr.workflows.rollout.RolloutStep;
import io.noderr.workflows.rollout.RolloutStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A strategy in one line, for the operator to check before starting: {@code 1% → 10% → 50% → 100%,
 * 5 min pauses, soak 30 s}.
 */
final class StrategyDescription {

  private StrategyDescription() {}

  static String of(RolloutStrategy strategy) {
    List<RolloutStep> steps = strategy.steps();
    List<String> pauses =
        steps.subList(0, steps.size() - 1).stream().map(StrategyDescription::pause).toList();
    boolean samePause = pauses.stream().distinct().count() <= 1;
    List<String> stages = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String stage = reach(steps.get(i));
      // Differing pauses go beside their stage; one shared pause is said once, after the stages.
      if (!samePause && i < pauses.size() && !pauses.get(i).isEmpty()) {
        stage += " (" + pauses.get(i) + ")";
      }
      stages.add(stage);
    }
    List<String> parts = new ArrayList<>();
    parts.add(String.join(" → ", stages));
    if (samePause && !pauses.isEmpty() && !pauses.getFirst().isEmpty()) {
      parts.add(pauses.getFirst() + (pauses.size() > 1 ? "s" : ""));
    }
    parts.add("soak " + duration(strategy.soakMillis()));
    if (!strategy.rate().unlimited()) {
      parts.add(
          strategy.rate().perMinute()
              + "/min"
              + (strategy.rate().ramp() > 1
                  ? " ×"
                      + String.valueOf(strategy.rate().ramp()).replaceAll("\\.0$", "")
                      + " each minute"
                  : ""));
    }
    if (!strategy.maintenanceWindows().isEmpty()) {
      int windows = strategy.maintenanceWindows().size();
      parts.add(windows + " maintenance window" + (windows == 1 ? "" : "s"));
    }
    if (strategy.gates().analysis().enabled()) {
      parts.add("telemetry analysed after each batch");
    }
    parts.add(
        strategy.onGateFailure() == RolloutStrategy.GateFailureAction.ROLLBACK
            ? "a failed gate rolls back"
            : "a failed gate pauses");
    return parts.stream().collect(Collectors.joining(", "));
  }

  private static String reach(RolloutStep step) {
    if (step.percent() != null) {
      return step.percent() + "%";
    }
    return step.count() + (step.count() == 1 ? " node" : " nodes");
  }

  private static String pause(RolloutStep step) {
    return switch (step.pause()) {
      case NONE -> "";
      case MANUAL -> "manual promote";
      case TIMED -> duration(step.pauseMillis()) + " pause";
    };
  }

  /** 30 s, 5 min, 2 h, 1 h 30 min: the largest units that say it exactly. */
  static String duration(long millis) {
    Duration d = Duration.ofMillis(millis);
    if (d.isZero()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    if (d.toHours() > 0) {
      parts.add(d.toHours() + " h");
    }
    if (d.toMinutesPart() > 0) {
      parts.add(d.toMinutesPart() + " min");
    }
    if (d.toSecondsPart() > 0 || parts.isEmpty()) {
      parts.add(Math.max(1, d.toSecondsPart()) + " s");
    }
    return String.join(" ", parts);
  }
}
