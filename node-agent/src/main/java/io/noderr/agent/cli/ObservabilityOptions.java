package io.noderr.agent.cli;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.noderr.observability.MetricsEndpoint;
import io.noderr.observability.Tracing;
import io.noderr.observability.TracingSettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The agent's own metrics endpoint (loopback {@code /metrics} by default: the Temporal SDK's
 * metrics and the agent's) and where its spans go.
 */
class ObservabilityOptions {

  private static final Logger log = LoggerFactory.getLogger(ObservabilityOptions.class);

  @Option(
      names = "--metrics-bind",
      defaultValue = "${env:NODERR_AGENT_METRICS_BIND:-127.0.0.1}",
      paramLabel = "ADDRESS",
      description =
          "Address of the agent's Prometheus endpoint /metrics (default: ${DEFAULT-VALUE}; it is"
              + " unauthenticated, so widen it only on a network you trust).")
  String metricsBind;

  @Option(
      names = "--metrics-port",
      defaultValue = "${env:NODERR_AGENT_METRICS_PORT:-9465}",
      description = "Port of /metrics; 0 turns the endpoint off (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--otlp-endpoint",
      defaultValue = "${env:NODERR_OTLP_ENDPOINT}",
      paramLabel = "URL",
      description =
          "OTLP/gRPC endpoint the agent sends its spans to, e.g. http://collector:4317 (default:"
              + " NODERR_OTLP_ENDPOINT; none: spans are not recorded, the trace context still"
              + " flows).")
  String otlpEndpoint;

  /** The agent's metrics endpoint and tracing, started; closing stops both. */
  Started start() {
    Tracing tracing = Tracing.start(new TracingSettings("noderr-agent", otlpEndpoint, 0)).install();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    // AgentHost reports the Temporal SDK's metrics into the global registry.
    Metrics.addRegistry(registry);
    if (metricsPort == 0) {
      return new Started(tracing, registry, null);
    }
    try {
      return new Started(
          tracing, registry, MetricsEndpoint.start(registry, metricsBind, metricsPort));
    } catch (IOException e) {
      // The node matters more than its metrics: a taken port (a second agent on this host) costs
      // the endpoint, not the node.
      log.warn(
          "metrics endpoint not started on {}:{} ({}); choose another --metrics-port, 0 for none",
          metricsBind,
          metricsPort,
          e.getMessage());
      return new Started(tracing, registry, null);
    }
  }

  record Started(Tracing tracing, PrometheusMeterRegistry registry, MetricsEndpoint endpoint)
      implements AutoCloseable {
    @Override
    public void close() {
      if (endpoint != null) {
        endpoint.close();
      }
      Metrics.removeRegistry(registry);
      registry.close();
      tracing.close();
    }
  }
}
