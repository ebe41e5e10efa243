package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.AlertSignals.NodeBaseline;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.worker.alert.AlertProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A node that behaves unlike itself: its error rate ({@code NodeErrorRateAnomaly}) or p95 latency
 * ({@code NodeLatencyAnomaly}) over the last {@code anomaly-window} is well above its own baseline
 * (the complete hours of the last {@code baseline-window}, ending an hour ago). A release that
 * hurts nodes without failing them shows here first. Both a factor and a floor must be exceeded,
 * and both windows need {@code anomaly-min-requests}, so a quiet node's noise is not an anomaly.
 */
@Component
public class TelemetryAnomalyRule implements AlertRule {

  static final String ERRORS = "NodeErrorRateAnomaly";
  static final String LATENCY = "NodeLatencyAnomaly";

  private final AlertSignals signals;
  private final AlertProperties.Rules rules;
  private final Runbooks runbooks;

  TelemetryAnomalyRule(AlertSignals signals, AlertProperties properties, Runbooks runbooks) {
    this.signals = signals;
    this.rules = properties.rules();
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    Instant baselineTo = now.minus(Duration.ofHours(1));
    List<Finding> findings = new ArrayList<>();
    for (NodeBaseline node :
        signals.telemetryAgainstBaseline(
            now.minus(rules.anomalyWindow()), now.minus(rules.baselineWindow()), baselineTo)) {
      if (node.recentRequests() < rules.anomalyMinRequests()
          || node.baselineRequests() < rules.anomalyMinRequests()) {
        continue;
      }
      double recent = (double) node.recentErrors() / node.recentRequests();
      double baseline = (double) node.baselineErrors() / node.baselineRequests();
      if (recent >= rules.errorRateFloor() && recent >= rules.errorRateFactor() * baseline) {
        findings.add(
            finding(
                ERRORS,
                node,
                String.format(
                    Locale.ROOT,
                    "node %s: %.1f%% of requests fail, its baseline is %.1f%%",
                    node.id(),
                    recent * 100,
                    baseline * 100)));
      }
      if (node.recentP95() != null
          && node.baselineP95() != null
          && node.recentP95() >= rules.latencyFloorMs()
          && node.recentP95() >= rules.latencyFactor() * node.baselineP95()) {
        findings.add(
            finding(
                LATENCY,
                node,
                String.format(
                    Locale.ROOT,
                    "node %s: p95 latency %.0f ms, its baseline is %.0f ms",
                    node.id(),
                    node.recentP95(),
                    node.baselineP95())));
      }
    }
    return findings;
  }

  private Finding finding(String rule, NodeBaseline node, String summary) {
    return new Finding(
        rule,
        rule + "/node=" + node.id(),
        Severity.WARNING,
        summary,
        Map.of(
            "node", node.id(),
            "region", node.region(),
            "operator", node.operator(),
            "tier", node.tier()),
        List.of(node.id()),
        List.of(),
        runbooks.of(rule));
  }
}
