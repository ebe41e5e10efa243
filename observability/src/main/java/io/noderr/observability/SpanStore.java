package io.noderr.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The last N finished spans of this process, so the console can show a deployment's or a node's
 * recent traces without a tracing server. A ring buffer: the oldest span makes room for the newest,
 * memory stays bounded whatever the traffic.
 */
public final class SpanStore implements SpanExporter {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final RecordedSpan[] ring;
  private long written;

  public SpanStore(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("the span store needs room for at least one span");
    }
    this.ring = new RecordedSpan[capacity];
  }

  public int capacity() {
    return ring.length;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      ring[(int) (written++ % ring.length)] = recorded(span);
    }
    return CompletableResultCode.ofSuccess();
  }

  /**
   * The traces (newest first, at most {@code limit}) that hold a span matching {@code selector},
   * each with every span of it still in the store, ordered by start.
   */
  public List<List<RecordedSpan>> traces(Predicate<RecordedSpan> selector, int limit) {
    List<RecordedSpan> spans = snapshot();
    Map<String, List<RecordedSpan>> byTrace = new LinkedHashMap<>();
    for (RecordedSpan span : spans) {
      byTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }
    return byTrace.values().stream()
        .filter(trace -> trace.stream().anyMatch(selector))
        .peek(trace -> trace.sort(Comparator.comparing(RecordedSpan::start)))
        .sorted(
            Comparator.comparing((List<RecordedSpan> trace) -> trace.getFirst().start()).reversed())
        .limit(limit)
        .toList();
  }

  private synchronized List<RecordedSpan> snapshot() {
    List<RecordedSpan> spans = new ArrayList<>(ring.length);
    long from = Math.max(0, written - ring.length);
    for (long i = from; i < written; i++) {
      spans.add(ring[(int) (i % ring.length)]);
    }
    return spans;
  }

  private static RecordedSpan recorded(SpanData span) {
    Map<String, String> attributes = new TreeMap<>();
    span.getAttributes()
        .forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
    String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : "";
    String service = span.getResource().getAttribute(SERVICE_NAME);
    return new RecordedSpan(
        span.getTraceId(),
        span.getSpanId(),
        parent,
        span.getName(),
        service == null ? "" : service,
        Instant.ofEpochSecond(0, span.getStartEpochNanos()),
        TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos()),
        span.getStatus().getStatusCode() == StatusCode.ERROR,
        Map.copyOf(attributes));
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
