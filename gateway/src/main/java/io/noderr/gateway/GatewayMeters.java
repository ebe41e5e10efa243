package io.noderr.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * What the node-facing side refuses: calls the gRPC gateway refused an authenticated node ({@code
 * noderr_gateway_refusals_total{method}}), attestation that failed ({@code
 * noderr_attestation_failures_total{quarantined}}) and the quarantines it caused ({@code
 * noderr_node_quarantines_total{source="attestation"}}). Micrometer's global registry, to which
 * Spring Boot adds the platform's Prometheus registry: the gRPC gateway is built outside Spring
 * ({@link NodeGateway#start}). Labels never carry a node id (unbounded); the audit log does.
 */
public final class GatewayMeters {

  private static final MeterRegistry REGISTRY = Metrics.globalRegistry;

  private GatewayMeters() {}

  static void refused(String method) {
    Counter.builder("noderr.gateway.refusals")
        .description("Calls the node gateway refused an authenticated node, by method")
        .tag("method", method)
        .register(REGISTRY)
        .increment();
  }

  public static void attestationFailed(boolean quarantined) {
    Counter.builder("noderr.attestation.failures")
        .description("Node attestations (TPM proofs) that failed")
        .tag("quarantined", Boolean.toString(quarantined))
        .register(REGISTRY)
        .increment();
    if (quarantined) {
      quarantined("attestation", 1);
    }
  }

  /** {@code count} nodes quarantined by {@code source} (attestation, emergency). */
  public static void quarantined(String source, int count) {
    Counter.builder("noderr.node.quarantines")
        .description("Nodes put in quarantine, by what did it")
        .tag("source", source)
        .register(REGISTRY)
        .increment(count);
  }
}
