package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.worker.alert.AlertProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An emergency acted ({@code EmergencyInvoked}): everyone on call should know, while it is in force
 * and for {@code emergency-window} after it ended.
 */
@Component
public class EmergencyRule implements AlertRule {

  static final String RULE = "EmergencyInvoked";

  private final AlertSignals signals;
  private final AlertProperties.Rules rules;
  private final Runbooks runbooks;

  EmergencyRule(AlertSignals signals, AlertProperties properties, Runbooks runbooks) {
    this.signals = signals;
    this.rules = properties.rules();
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    return signals.actedEmergencies(now.minus(rules.emergencyWindow())).stream()
        .map(
            emergency ->
                new Finding(
                    RULE,
                    RULE + "/emergency=" + emergency.id(),
                    Severity.CRITICAL,
                    "emergency "
                        + emergency.id()
                        + ": "
                        + emergency.action()
                        + " "
                        + emergency.scope()
                        + " ("
                        + emergency.stage()
                        + ")",
                    Map.of("emergency", emergency.id(), "action", emergency.action()),
                    List.of(),
                    List.of(),
                    runbooks.of(RULE)))
        .toList();
  }
}
