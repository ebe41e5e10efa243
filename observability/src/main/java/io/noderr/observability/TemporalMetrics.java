package io.noderr.observability;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import org.slf4j.LoggerFactory;

/**
 * The Temporal SDK's own metrics (temporal_* : polls, task latencies, schedule-to-start, sticky
 * cache, request failures) reported into a Micrometer registry, for WorkflowServiceStubsOptions'
 * metrics scope. Closing the scope stops its reporting thread and leaves the registry open.
 */
public final class TemporalMetrics {

  private TemporalMetrics() {}

  public static Scope scope(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new ConsistentTagsReporter(new MicrometerClientStatsReporter(registry)))
        .reportEvery(Duration.ofSeconds(10));
  }

  /** Stops {@code scope}'s reporting; a failed last report is not worth failing a shutdown for. */
  public static void close(Scope scope) {
    try {
      scope.close();
    } catch (ScopeCloseException e) {
      LoggerFactory.getLogger(TemporalMetrics.class)
          .debug("Temporal metrics scope closed with an error: {}", e.getMessage());
    }
  }
}
