package io.noderr.console.trace;

import io.noderr.observability.RecordedSpan;
import java.time.Instant;
import java.util.List;

/**
 * One trace: its root (or earliest span still kept), when it started, how long it ran and every
 * span of it in the store, ordered by start.
 */
public record TraceSummary(
    String traceId,
    String name,
    Instant start,
    long durationMicros,
    boolean error,
    List<RecordedSpan> spans) {

  static TraceSummary of(List<RecordedSpan> spans) {
    RecordedSpan first = spans.getFirst();
    RecordedSpan root =
        spans.stream().filter(span -> span.parentSpanId().isEmpty()).findFirst().orElse(first);
    long startMicros = micros(first.start());
    long endMicros =
        spans.stream()
            .mapToLong(span -> micros(span.start()) + span.durationMicros())
            .max()
            .orElse(startMicros);
    return new TraceSummary(
        first.traceId(),
        root.name(),
        first.start(),
        endMicros - startMicros,
        spans.stream().anyMatch(RecordedSpan::error),
        spans);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
