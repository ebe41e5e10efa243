package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.AlertSignals.SignatureWait;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.worker.alert.AlertProperties;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * People are told when they are needed: a release or emergency request waiting on signatures is
 * addressed to the signers who have not answered ({@code noderr.alerts.signers}: address to
 * channel). Each signature changes the alert (fewer recipients), which restarts its escalation
 * clock; a request that stalls (nobody answers for {@code escalate-after}) escalates to the route.
 */
@Component
public class SignaturesNeededRule implements AlertRule {

  static final String RULE = "SignaturesNeeded";

  private final AlertSignals signals;
  private final Map<String, String> signerChannels;
  private final Runbooks runbooks;

  SignaturesNeededRule(AlertSignals signals, AlertProperties properties, Runbooks runbooks) {
    this.signals = signals;
    this.signerChannels =
        properties.signers().entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    return signals.signatureWaits().stream().map(this::finding).toList();
  }

  private Finding finding(SignatureWait wait) {
    Set<String> answered =
        wait.answered().stream()
            .map(a -> a.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    List<String> missing =
        signerChannels.keySet().stream().filter(a -> !answered.contains(a)).sorted().toList();
    return new Finding(
        RULE,
        RULE + "/request=" + wait.id(),
        Severity.WARNING,
        wait.kind().toLowerCase(Locale.ROOT)
            + " "
            + wait.id()
            + " ("
            + wait.title()
            + ") waits for signatures"
            + (missing.isEmpty() ? "" : " from " + missing),
        Map.of("request", wait.id(), "kind", wait.kind()),
        List.of(),
        missing.stream().map(signerChannels::get).toList(),
        runbooks.of(RULE));
  }
}
