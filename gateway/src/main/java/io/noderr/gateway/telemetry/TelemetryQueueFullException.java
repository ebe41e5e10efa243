package io.noderr.gateway.telemetry;

/**
 * The ingest queue has no room for the whole batch: nothing of it was accepted, the agent sends it
 * again later (503 with Retry-After).
 */
public class TelemetryQueueFullException extends RuntimeException {

  TelemetryQueueFullException(int reports, int free) {
    super(
        "telemetry queue full: "
            + reports
            + " report(s) sent, room for "
            + free
            + "; nothing was accepted, send the batch again shortly");
  }
}
