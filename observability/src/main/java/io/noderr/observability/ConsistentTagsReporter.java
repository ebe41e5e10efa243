package io.noderr.observability;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the Temporal SDK and Micrometer's Prometheus registry, which refuses a second meter of a
 * name with other tag keys than the first (an update's {@code update_name}, a poller's {@code
 * poller_type} appear on some series of a metric only): every series gets every tag key Temporal
 * uses, {@code none} where it has no value. And a report that fails stays one lost sample: an
 * exception escaping tally's reporting loop would end it, and with it every later counter.
 */
final class ConsistentTagsReporter implements StatsReporter {

  private static final Logger log = LoggerFactory.getLogger(ConsistentTagsReporter.class);

  /** The tag keys of the Temporal SDK's metrics (io.temporal.worker.MetricsType, MetricsTag). */
  static final List<String> KEYS =
      List.of(
          "activity_type",
          "exception",
          "namespace",
          "nexus_endpoint",
          "nexus_operation",
          "nexus_service",
          "operation",
          "poller_type",
          "query_type",
          "signal_name",
          "status_code",
          "task_queue",
          "update_name",
          "worker_type",
          "workflow_type");

  private static final String NONE = "none";

  private final StatsReporter delegate;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  ConsistentTagsReporter(StatsReporter delegate) {
    this.delegate = delegate;
  }

  static Map<String, String> complete(Map<String, String> tags) {
    Map<String, String> all = new HashMap<>(tags == null ? Map.of() : tags);
    KEYS.forEach(key -> all.putIfAbsent(key, NONE));
    return all;
  }

  private void guarded(String name, Runnable report) {
    try {
      report.run();
    } catch (RuntimeException e) {
      if (failureLogged.compareAndSet(false, true)) {
        log.warn(
            "Temporal SDK metric {} not reported: {} (further failures at debug)",
            name,
            e.getMessage());
      } else {
        log.debug("Temporal SDK metric {} not reported: {}", name, e.getMessage());
      }
    }
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    guarded(name, () -> delegate.reportCounter(name, complete(tags), value));
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    guarded(name, () -> delegate.reportGauge(name, complete(tags), value));
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    guarded(name, () -> delegate.reportTimer(name, complete(tags), interval));
  }

  @Override
  public void reportHistogramValueSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      double bucketLowerBound,
      double bucketUpperBound,
      long samples) {
    guarded(
        name,
        () ->
            delegate.reportHistogramValueSamples(
                name, complete(tags), buckets, bucketLowerBound, bucketUpperBound, samples));
  }

  @Override
  public void reportHistogramDurationSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      Duration bucketLowerBound,
      Duration bucketUpperBound,
      long samples) {
    guarded(
        name,
        () ->
            delegate.reportHistogramDurationSamples(
                name, complete(tags), buckets, bucketLowerBound, bucketUpperBound, samples));
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  /**
   * Flushes, and leaves the registry open: Temporal's reporter would close it, and the registry
   * belongs to whoever made it (Spring's, the agent's endpoint, Micrometer's global one). A closed
   * registry registers every later meter as a no-op, so one closed AgentHost would silence the
   * agent's own counters for the rest of the process.
   */
  @Override
  public void close() {
    delegate.flush();
  }
}
