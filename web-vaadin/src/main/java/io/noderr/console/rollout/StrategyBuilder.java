package io.noderr.console.rollout;

import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.workflows.rollout.AnalysisPolicy;
import io.noderr.workflows.rollout.GatePolicy;
import io.noderr.workflows.rollout.RateSchedule;
import io.noderr.workflows.rollout.RolloutPreset;
import io.noderr.workflows.rollout.RolloutStep;
import io.noderr.workflows.rollout.RolloutStrategy;
import io.noderr.workflows.rollout.RolloutStrategy.GateFailureAction;
import io.noderr.workflows.rollout.RolloutStrategy.WindowRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A form's choices on top of a preset's defaults. Every problem is reported at once, each naming
 * its field, so one round trip shows the operator everything to fix.
 */
final class StrategyBuilder {

  private static final String FAILURE_TYPES =
      Arrays.stream(FailureType.values()).map(Enum::name).collect(Collectors.joining(", "));

  private StrategyBuilder() {}

  /**
   * @throws InvalidDeploymentException listing every problem of the form, field by field
   */
  static RolloutStrategy from(DeploymentForm form) {
    return from(form, List.of());
  }

  /**
   * @param fieldProblems what the form's field rules found already (e.g. bean validation), to be
   *     reported together with the problems found here
   * @throws InvalidDeploymentException listing every problem of the form, field by field
   */
  static RolloutStrategy from(DeploymentForm form, List<String> fieldProblems) {
    return from(form, fieldProblems, OptionalInt.empty());
  }

  /**
   * @param firstCohortPercent governance's first-cohort percent for the presets, when it set one
   */
  static RolloutStrategy from(
      DeploymentForm form, List<String> fieldProblems, OptionalInt firstCohortPercent) {
    List<String> problems = new ArrayList<>(fieldProblems);
    RolloutStrategy base = preset(form.preset(), firstCohortPercent);
    List<RolloutStep> steps = steps(form, base, problems);
    Map<FailureType, Double> byType = failureLimits(form, base, problems);
    List<WindowRule> windows = windows(form, problems);
    RateSchedule rate = rate(form, problems);
    AnalysisPolicy analysis = analysis(form, problems);
    if (!problems.isEmpty()) {
      // The strategy's own rules judge a strategy made of valid fields; on invalid ones they would
      // only repeat the field messages in other words.
      throw new InvalidDeploymentException(String.join("; ", problems));
    }
    GatePolicy gates =
        new GatePolicy(
            or(form.maxFailurePercent(), base.gates().maxFailurePercent()),
            byType,
            or(form.minExecuted(), base.gates().minExecuted()),
            or(form.maxConsecutiveFailures(), base.gates().maxConsecutiveFailures()),
            analysis);
    RolloutStrategy strategy =
        new RolloutStrategy(
            steps,
            rate,
            or(form.maxParallel(), base.maxParallel()),
            form.perNodeDeadlineSeconds() == null
                ? base.perNodeDeadlineMillis()
                : Duration.ofSeconds(form.perNodeDeadlineSeconds()).toMillis(),
            form.progressDeadlineMinutes() == null
                ? base.progressDeadlineMillis()
                : Duration.ofMinutes(form.progressDeadlineMinutes()).toMillis(),
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
            windows);
    problems.addAll(strategy.problems());
    if (!problems.isEmpty()) {
      throw new InvalidDeploymentException(String.join("; ", problems));
    }
    return strategy;
  }

  private static List<RolloutStep> steps(
      DeploymentForm form, RolloutStrategy base, List<String> problems) {
    if (form.steps() == null || form.steps().isEmpty()) {
      return base.steps();
    }
    try {
      return StepSyntax.parse(form.steps());
    } catch (InvalidDeploymentException e) {
      problems.add("steps: " + e.getMessage());
      return List.of();
    }
  }

  private static Map<FailureType, Double> failureLimits(
      DeploymentForm form, RolloutStrategy base, List<String> problems) {
    if (form.maxFailurePercentByType() == null) {
      return base.gates().maxFailurePercentByType();
    }
    Map<FailureType, Double> limits = new EnumMap<>(FailureType.class);
    form.maxFailurePercentByType()
        .forEach(
            (name, percent) -> {
              FailureType type = failureType(name);
              if (type == null) {
                problems.add(
                    "maxFailurePercentByType: '"
                        + name
                        + "' is not a failure type (one of "
                        + FAILURE_TYPES
                        + ")");
              } else if (percent == null || percent < 0 || percent > 100) {
                problems.add("maxFailurePercentByType: " + type + " must be between 0 and 100");
              } else {
                limits.put(type, percent);
              }
            });
    return limits;
  }

  private static FailureType failureType(String name) {
    try {
      return name == null ? null : FailureType.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<WindowRule> windows(DeploymentForm form, List<String> problems) {
    List<WindowRule> rules = new ArrayList<>();
    List<String> lines = form.maintenanceWindows() == null ? List.of() : form.maintenanceWindows();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line == null || line.isBlank()) {
        continue;
      }
      try {
        rules.add(WindowSyntax.parse(line));
      } catch (IllegalArgumentException e) {
        problems.add(
            "maintenanceWindows line "
                + (i + 1)
                + " ('"
                + line.strip()
                + "'): "
                + e.getMessage()
                + "; write it like "
                + WindowSyntax.EXAMPLE);
      }
    }
    return rules;
  }

  private static AnalysisPolicy analysis(DeploymentForm form, List<String> problems) {
    if (form.analysis() == null) {
      return AnalysisPolicy.NONE;
    }
    try {
      return AnalysisSyntax.parse(form.analysis());
    } catch (InvalidDeploymentException e) {
      problems.add(e.getMessage());
      return AnalysisPolicy.NONE;
    }
  }

  private static RateSchedule rate(DeploymentForm form, List<String> problems) {
    double ramp = or(form.ramp(), 1.0);
    if (ramp < 1 || ramp > 10) {
      problems.add("ramp must be between 1 and 10");
      return RateSchedule.UNLIMITED;
    }
    if (form.ratePerMinute() != null && form.ratePerMinute() < 0) {
      problems.add("ratePerMinute must not be negative");
      return RateSchedule.UNLIMITED;
    }
    return form.ratePerMinute() == null || form.ratePerMinute() == 0
        ? RateSchedule.UNLIMITED
        : new RateSchedule(form.ratePerMinute(), ramp, 0);
  }

  private static RolloutStrategy preset(String name, OptionalInt firstCohortPercent) {
    return RolloutPreset.byId(name).orElse(RolloutPreset.CANARY).strategy(firstCohortPercent);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
