package io.noderr.app.observability;

import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.noderr.observability.MetricsEndpoint;
import io.noderr.observability.TemporalMetrics;
import io.noderr.observability.Tracing;
import io.noderr.observability.TracingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Tracing and the Temporal SDK's metrics for every role; the worker role's own {@code /metrics}
 * endpoint (it has no web server; the console role serves {@code /actuator/prometheus}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ObservabilityConfiguration.class);

  /**
   * The process's tracing, installed as {@link Tracing#current()} so the embedded simulated fleet's
   * node activities record into the same store and join the platform's traces.
   */
  @Bean(destroyMethod = "close")
  Tracing tracing(ObservabilityProperties properties, @Value("${noderr.role:all}") String role) {
    ObservabilityProperties.Tracing tracing = properties.tracing();
    return Tracing.start(
            new TracingSettings(
                "noderr-" + role, tracing.otlpEndpoint(), tracing.spanStoreCapacity()))
        .install();
  }

  /**
   * The Temporal SDK's metrics (temporal_*), reported into the application's registry; Spring
   * closes the scope (its reporting thread) at shutdown.
   */
  @Bean
  Scope temporalMetricsScope(MeterRegistry registry) {
    return TemporalMetrics.scope(registry);
  }

  /**
   * None of Spring Security's own observations (a timer around every filter of every request):
   * nothing reads them (the HTTP server metrics and the traces cover requests), and at a thousand
   * agent requests a second they cost more CPU than handling the telemetry itself.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${noderr.role:all}' == 'worker' && ${noderr.metrics.port:9464} > 0")
  MetricsEndpoint workerMetricsEndpoint(
      PrometheusMeterRegistry registry, ObservabilityProperties properties) {
    ObservabilityProperties.Metrics metrics = properties.metrics();
    try {
      MetricsEndpoint endpoint =
          MetricsEndpoint.start(registry, metrics.bindAddress(), metrics.port());
      log.info("worker metrics on http://{}:{}/metrics", metrics.bindAddress(), endpoint.port());
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the worker's metrics endpoint cannot listen on "
              + metrics.bindAddress()
              + ":"
              + metrics.port()
              + " ("
              + e.getMessage()
              + "); set noderr.metrics.port (NODERR_METRICS_PORT), 0 for none",
          e);
    }
  }
}
