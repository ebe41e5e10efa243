package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.AlertSignals.NodeRef;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Nodes the platform stopped trusting: quarantined ({@code NodeQuarantined}) or whose last
 * attestation failed ({@code AttestationFailed}, critical: the node may not run what it claims).
 */
@Component
public class NodeTrustRule implements AlertRule {

  static final String QUARANTINED = "NodeQuarantined";
  static final String ATTESTATION = "AttestationFailed";

  private final AlertSignals signals;
  private final Runbooks runbooks;

  NodeTrustRule(AlertSignals signals, Runbooks runbooks) {
    this.signals = signals;
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    List<Finding> findings = new ArrayList<>();
    for (NodeRef node : signals.quarantined()) {
      findings.add(finding(QUARANTINED, Severity.WARNING, node, "is quarantined"));
    }
    for (NodeRef node : signals.attestationFailed()) {
      findings.add(finding(ATTESTATION, Severity.CRITICAL, node, "failed its attestation"));
    }
    return findings;
  }

  private Finding finding(String rule, Severity severity, NodeRef node, String what) {
    return new Finding(
        rule,
        rule + "/node=" + node.id(),
        severity,
        "node " + node.id() + " " + what,
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
