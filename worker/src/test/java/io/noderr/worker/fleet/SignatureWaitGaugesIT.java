package io.noderr.worker.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.registry.RegistryDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The signature-wait gauges on real requests in PostgreSQL: open release and emergency requests by
 * kind and the oldest one's age, both kinds at 0 when nothing waits.
 */
class SignatureWaitGaugesIT {

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(SignatureWaitGauges.class);
          });

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  private final SignatureWaitGauges gauges = db.bean(SignatureWaitGauges.class);
  private final MeterRegistry registry = db.bean(MeterRegistry.class);
  private final JdbcTemplate jdbc = db.bean(JdbcTemplate.class);

  @Test
  void openRequestsByKind_andTheOldestOnesAge_onlyThoseStillWaiting() {
    release("rel-old", "AWAITING_SIGNATURES", NOW.minus(Duration.ofHours(3)));
    release("rel-new", "AWAITING_SIGNATURES", NOW.minus(Duration.ofMinutes(5)));
    release("rel-done", "PUBLISHED", NOW.minus(Duration.ofDays(2)));
    emergency("em-1", "MANDATE", NOW.minus(Duration.ofMinutes(20)));
    emergency("em-done", "DONE", NOW.minus(Duration.ofDays(1)));

    gauges.refresh(NOW);

    assertThat(gauge("noderr.signature.requests.open", "RELEASE")).isEqualTo(2);
    assertThat(gauge("noderr.signature.requests.oldest.age", "RELEASE")).isEqualTo(3 * 3600);
    assertThat(gauge("noderr.signature.requests.open", "EMERGENCY")).isEqualTo(1);
    assertThat(gauge("noderr.signature.requests.oldest.age", "EMERGENCY")).isEqualTo(20 * 60);
  }

  @Test
  void nothingWaiting_isZero_forBothKinds() {
    release("rel-done", "PUBLISHED", NOW.minus(Duration.ofDays(2)));

    gauges.refresh(NOW);

    for (String kind : SignatureWaitGauges.KINDS) {
      assertThat(gauge("noderr.signature.requests.open", kind)).isZero();
      assertThat(gauge("noderr.signature.requests.oldest.age", kind)).isZero();
    }
  }

  private double gauge(String name, String kind) {
    return registry.get(name).tag("kind", kind).gauge().value();
  }

  private void release(String id, String status, Instant createdAt) {
    jdbc.update(
        "INSERT INTO release_requests (id, tier, version, image_digest, status, proposed_by,"
            + " deadline, threshold, last_step, created_at)"
            + " VALUES (?, 'ALL', '1.0.0', ?, ?, 'alice', ?, 2, 1, ?)",
        id,
        "sha256:" + "ab".repeat(32),
        status,
        Timestamp.from(NOW.plus(Duration.ofDays(1))),
        Timestamp.from(createdAt));
  }

  private void emergency(String id, String stage, Instant createdAt) {
    jdbc.update(
        "INSERT INTO emergencies (id, action, stage, scope, reason, proposed_by, deadline,"
            + " required, proposal, last_step, created_at)"
            + " VALUES (?, 'PAUSE', ?, 'tier ALL', 'incident', 'alice', ?, 2, '{}'::jsonb, 1, ?)",
        id,
        stage,
        Timestamp.from(NOW.plus(Duration.ofDays(1))),
        Timestamp.from(createdAt));
  }
}
