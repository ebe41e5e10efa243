package io.noderr.gateway;

import io.grpc.Status;
import io.noderr.registry.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the gateway refused an authenticated node: counted per node and method, and audited at most
 * once per node per {@code auditEvery} with the number refused since the previous entry, so a rogue
 * agent looping on forbidden calls cannot fill the append-only audit log (or the disk).
 */
final class Refusals {

  static final String AUDIT_ACTION = "gateway.call-refused";

  private static final Logger log = LoggerFactory.getLogger(Refusals.class);

  private final AuditLog audit;
  private final Duration auditEvery;
  private final Clock clock;
  private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Unaudited> unaudited = new ConcurrentHashMap<>();

  Refusals(AuditLog audit, Duration auditEvery, Clock clock) {
    this.audit = audit;
    this.auditEvery = auditEvery;
    this.clock = clock;
  }

  /** Records the refusal and returns the status the node gets (one line, no internals). */
  Status refuse(String nodeId, String method, String reason) {
    counts.computeIfAbsent(nodeId + " " + method, k -> new LongAdder()).increment();
    GatewayMeters.refused(method);
    String line = method + " refused: " + reason;
    Instant now = clock.instant();
    unaudited.compute(
        nodeId,
        (node, pending) -> {
          Unaudited next = pending == null ? new Unaudited(1, line, null) : pending.plus(line);
          return auditIfDue(node, next, now);
        });
    return Status.PERMISSION_DENIED.withDescription(line);
  }

  /** How often {@code nodeId} was refused {@code method} since this gateway started. */
  long count(String nodeId, String method) {
    LongAdder count = counts.get(nodeId + " " + method);
    return count == null ? 0 : count.sum();
  }

  /** Audits what waited for the rate limit (called by the gateway's sweep every second). */
  void flushDue() {
    Instant now = clock.instant();
    for (Map.Entry<String, Unaudited> entry : unaudited.entrySet()) {
      unaudited.computeIfPresent(
          entry.getKey(),
          (node, pending) -> {
            if (pending.count() == 0 && !now.isBefore(pending.lastAudit().plus(auditEvery))) {
              return null; // quiet for a full period: the next refusal is audited at once
            }
            return auditIfDue(node, pending, now);
          });
    }
  }

  private Unaudited auditIfDue(String nodeId, Unaudited pending, Instant now) {
    if (pending.count() == 0
        || (pending.lastAudit() != null && now.isBefore(pending.lastAudit().plus(auditEvery)))) {
      return pending;
    }
    try {
      audit.append(
          nodeId,
          AUDIT_ACTION,
          nodeId,
          pending.count()
              + " call(s) refused since the previous entry (at most one entry per "
              + auditEvery.toSeconds()
              + " s); latest: "
              + pending.latest(),
          null);
      log.warn(
          "node {}: {} gateway call(s) refused; latest: {}",
          nodeId,
          pending.count(),
          pending.latest());
      return new Unaudited(0, pending.latest(), now);
    } catch (RuntimeException e) {
      // The refusal itself stands; the entry is retried on the next sweep.
      log.error("could not audit refused gateway calls of node {}: {}", nodeId, e.getMessage());
      return pending;
    }
  }

  /** Refusals of one node not yet in the audit log. */
  private record Unaudited(long count, String latest, Instant lastAudit) {
    Unaudited plus(String line) {
      return new Unaudited(count + 1, line, lastAudit);
    }
  }
}
