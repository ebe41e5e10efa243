package io.noderr.app.observability;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Metrics and tracing of a platform process (docs/observability.md).
 *
 * @param metrics the worker role's own Prometheus endpoint (the console role serves {@code
 *     /actuator/prometheus} on its web port)
 * @param tracing where spans go
 */
@ConfigurationProperties("noderr")
@Validated
record ObservabilityProperties(@DefaultValue Metrics metrics, @DefaultValue Tracing tracing) {

  /**
   * @param bindAddress the worker's {@code /metrics} address (loopback; 0.0.0.0 in compose, where
   *     Prometheus scrapes it over the internal network)
   * @param port the worker's {@code /metrics} port; 0 turns it off
   */
  record Metrics(
      @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
      @DefaultValue("9464") @Min(0) @Max(65535) int port) {}

  /**
   * @param otlpEndpoint OTLP/gRPC endpoint for spans (e.g. http://otel-collector:4317); empty: none
   * @param spanStoreCapacity recent spans kept in memory for {@code GET /api/v1/traces}; 0: none
   */
  record Tracing(
      @DefaultValue("") String otlpEndpoint,
      @DefaultValue("2000") @Min(0) @Max(1_000_000) int spanStoreCapacity) {}
}
