package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.worker.alert.AlertProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Refused node authentications (registration evidence, activation, session tokens, refreshes) above
 * {@code auth-threshold} within {@code auth-window}: a certificate or session problem, or someone
 * trying ({@code NodeAuthFailuresSpiking}). The gateway audits every refusal; this counts them.
 */
@Component
public class AuthFailureRule implements AlertRule {

  static final String RULE = "NodeAuthFailuresSpiking";

  private final AlertSignals signals;
  private final AlertProperties.Rules rules;
  private final Runbooks runbooks;

  AuthFailureRule(AlertSignals signals, AlertProperties properties, Runbooks runbooks) {
    this.signals = signals;
    this.rules = properties.rules();
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    Map<String, Long> refusals = signals.authRefusalsSince(now.minus(rules.authWindow()));
    long total = refusals.values().stream().mapToLong(Long::longValue).sum();
    if (total < rules.authThreshold()) {
      return List.of();
    }
    String counts =
        refusals.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return List.of(
        new Finding(
            RULE,
            RULE,
            Severity.WARNING,
            total
                + " node authentications refused in the last "
                + rules.authWindow().toMinutes()
                + " min ("
                + counts
                + ")",
            Map.of(),
            List.of(),
            List.of(),
            runbooks.of(RULE)));
  }
}
