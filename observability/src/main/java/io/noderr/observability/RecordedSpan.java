package io.noderr.observability;

import java.time.Instant;
import java.util.Map;

/**
 * One finished span as the in-process store keeps it.
 *
 * @param parentSpanId the parent's id, or blank for a trace's root
 * @param service the {@code service.name} of the process that recorded it
 * @param attributes its attributes as text (Temporal's workflowId/activityId tags, noderr.node.id,
 *     http.route...)
 */
public record RecordedSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String service,
    Instant start,
    long durationMicros,
    boolean error,
    Map<String, String> attributes) {

  public String attribute(String key) {
    return attributes.getOrDefault(key, "");
  }
}
