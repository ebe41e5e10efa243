package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.AlertSignals.TroubledRollout;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.worker.alert.AlertProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Rollouts that need a person: held by a failed gate ({@code RolloutGateFailed}: resume or abort)
 * or rolled back ({@code RolloutRolledBack}, for {@code rollback-window}: why did the release hurt
 * nodes?).
 */
@Component
public class RolloutTroubleRule implements AlertRule {

  static final String GATE = "RolloutGateFailed";
  static final String ROLLED_BACK = "RolloutRolledBack";

  private final AlertSignals signals;
  private final AlertProperties.Rules rules;
  private final Runbooks runbooks;

  RolloutTroubleRule(AlertSignals signals, AlertProperties properties, Runbooks runbooks) {
    this.signals = signals;
    this.rules = properties.rules();
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    return signals.troubledRollouts(now.minus(rules.rollbackWindow())).stream()
        .map(this::finding)
        .toList();
  }

  private Finding finding(TroubledRollout rollout) {
    boolean gate = rollout.status().equals("GATE_FAILED");
    String rule = gate ? GATE : ROLLED_BACK;
    return new Finding(
        rule,
        rule + "/rollout=" + rollout.id(),
        gate ? Severity.WARNING : Severity.CRITICAL,
        gate
            ? "rollout " + rollout.id() + " is held by a failed gate at stage " + rollout.stage()
            : "rollout " + rollout.id() + " of " + rollout.version() + " was rolled back",
        Map.of("rollout", rollout.id(), "version", rollout.version()),
        List.of(),
        List.of(),
        runbooks.of(rule));
  }
}
