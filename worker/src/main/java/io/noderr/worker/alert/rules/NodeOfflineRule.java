package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.AlertSignals.NodeRef;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.worker.alert.AlertProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Nodes silent for longer than {@code offline-after}. Suppression follows dependencies: when most
 * nodes of a region (then of an operator) are silent at once, the cause is the region or the
 * operator, so that is one alert naming the nodes ({@code RegionOutage}, {@code OperatorOutage})
 * instead of one {@code NodeOffline} per node.
 */
@Component
public class NodeOfflineRule implements AlertRule {

  static final String NODE = "NodeOffline";
  static final String REGION = "RegionOutage";
  static final String OPERATOR = "OperatorOutage";

  private final AlertSignals signals;
  private final AlertProperties.Rules rules;
  private final Runbooks runbooks;

  NodeOfflineRule(AlertSignals signals, AlertProperties properties, Runbooks runbooks) {
    this.signals = signals;
    this.rules = properties.rules();
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    List<NodeRef> silent = signals.silentSince(now.minus(rules.offlineAfter()));
    if (silent.isEmpty()) {
      return List.of();
    }
    AlertSignals.ServiceCounts service = signals.inService();
    List<Finding> findings = new ArrayList<>();
    List<NodeRef> left =
        outages(REGION, "region", silent, NodeRef::region, service.byRegion(), findings);
    left = outages(OPERATOR, "operator", left, NodeRef::operator, service.byOperator(), findings);
    for (NodeRef node : left) {
      findings.add(
          new Finding(
              NODE,
              NODE + "/node=" + node.id(),
              Severity.WARNING,
              "node "
                  + node.id()
                  + " ("
                  + node.region()
                  + ") has been silent for more than "
                  + rules.offlineAfter().toMinutes()
                  + " min",
              Map.of(
                  "node", node.id(),
                  "region", node.region(),
                  "operator", node.operator(),
                  "tier", node.tier()),
              List.of(node.id()),
              List.of(),
              runbooks.of(NODE)));
    }
    return findings;
  }

  /** Adds one outage per group that is mostly silent; returns the nodes no outage took. */
  private List<NodeRef> outages(
      String rule,
      String label,
      List<NodeRef> silent,
      Function<NodeRef, String> group,
      Map<String, Long> inService,
      List<Finding> findings) {
    Map<String, List<NodeRef>> byGroup =
        silent.stream()
            .collect(Collectors.groupingBy(group, LinkedHashMap::new, Collectors.toList()));
    List<NodeRef> left = new ArrayList<>();
    byGroup.forEach(
        (name, nodes) -> {
          long total = inService.getOrDefault(name, 0L);
          if (total >= rules.outageMinNodes() && nodes.size() >= rules.outageFraction() * total) {
            findings.add(
                new Finding(
                    rule,
                    rule + "/" + label + "=" + name,
                    Severity.CRITICAL,
                    nodes.size()
                        + " of "
                        + total
                        + " nodes of "
                        + label
                        + " "
                        + name
                        + " are silent",
                    Map.of(label, name),
                    nodes.stream().map(NodeRef::id).toList(),
                    List.of(),
                    runbooks.of(rule)));
          } else {
            left.addAll(nodes);
          }
        });
    return left;
  }
}
