package io.noderr.observability;

/**
 * How a process traces.
 *
 * @param serviceName the {@code service.name} its spans carry (noderr-console, noderr-worker,
 *     noderr-agent...)
 * @param otlpEndpoint where spans are exported over OTLP/gRPC (e.g. http://otel-collector:4317), or
 *     blank for none
 * @param spanStoreCapacity how many recent spans the in-process store keeps (0: no store)
 */
public record TracingSettings(String serviceName, String otlpEndpoint, int spanStoreCapacity) {

  public TracingSettings {
    if (serviceName == null || serviceName.isBlank()) {
      throw new IllegalArgumentException("a tracing service name is required");
    }
    if (spanStoreCapacity < 0) {
      throw new IllegalArgumentException("the span store capacity cannot be negative");
    }
    otlpEndpoint = otlpEndpoint == null ? "" : otlpEndpoint.strip();
  }
}
