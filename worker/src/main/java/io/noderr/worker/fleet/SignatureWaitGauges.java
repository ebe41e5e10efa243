package io.noderr.worker.fleet;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.AlertSignals.SignatureWait;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Requests waiting on signatures, by kind ({@code RELEASE}, {@code EMERGENCY}): how many are open
 * ({@code noderr_signature_requests_open}) and how long the oldest has waited ({@code
 * noderr_signature_requests_oldest_age_seconds}, 0 when none). The same requests the platform's
 * SignaturesNeeded alert names (AlertSignals); refreshed every {@code noderr.metrics.fleet-refresh}
 * like the fleet gauges, never per scrape. Both kinds always have a series, so a rule on them
 * resolves when the last request is signed.
 */
@Component
class SignatureWaitGauges {

  static final List<String> KINDS = List.of("RELEASE", "EMERGENCY");

  private static final Logger log = LoggerFactory.getLogger(SignatureWaitGauges.class);

  private final AlertSignals signals;
  private final Map<String, Waiting> byKind = new ConcurrentHashMap<>();

  SignatureWaitGauges(AlertSignals signals, MeterRegistry registry) {
    this.signals = signals;
    for (String kind : KINDS) {
      byKind.put(kind, Waiting.NONE);
      Gauge.builder("noderr.signature.requests.open", () -> byKind.get(kind).open())
          .description("Release and emergency requests waiting on signatures")
          .tag("kind", kind)
          .register(registry);
      Gauge.builder("noderr.signature.requests.oldest.age", () -> byKind.get(kind).oldestSeconds())
          .description("How long the oldest request waiting on signatures has waited")
          .baseUnit("seconds")
          .tag("kind", kind)
          .register(registry);
    }
  }

  @Scheduled(
      initialDelayString = "${noderr.metrics.fleet-refresh:15s}",
      fixedDelayString = "${noderr.metrics.fleet-refresh:15s}")
  void refresh() {
    refresh(Instant.now());
  }

  void refresh(Instant now) {
    try {
      List<SignatureWait> waits = signals.signatureWaits();
      for (String kind : KINDS) {
        List<SignatureWait> open = waits.stream().filter(w -> w.kind().equals(kind)).toList();
        double oldest =
            open.stream()
                .mapToDouble(w -> Duration.between(w.createdAt(), now).toMillis() / 1000.0)
                .max()
                .orElse(0);
        byKind.put(kind, new Waiting(open.size(), Math.max(0, oldest)));
      }
    } catch (RuntimeException e) {
      // The gauges keep their last values; the database's own alert says why.
      log.warn("signature wait gauges not refreshed: {}", e.getMessage());
    }
  }

  private record Waiting(int open, double oldestSeconds) {
    static final Waiting NONE = new Waiting(0, 0);
  }
}
