package io.noderr.registry.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

class AlertsIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");

  private final Alerts alerts = db.bean(Alerts.class);
  private final AlertDeliveries deliveries = db.bean(AlertDeliveries.class);
  private final AlertSilences silences = db.bean(AlertSilences.class);

  @Test
  void anIncident_isOpenedOnce_acknowledged_andTheAckIsLiftedWhenItChanges() {
    AlertRow opened = alerts.open(offline("n-1", Severity.WARNING), T0, null);
    assertThat(opened.labels())
        .containsEntry("alertname", "NodeOffline")
        .containsEntry("severity", "WARNING");

    assertThatThrownBy(() -> alerts.open(offline("n-1", Severity.WARNING), T0, null))
        .as("one firing row per fingerprint")
        .isInstanceOf(DataIntegrityViolationException.class);

    assertThat(alerts.acknowledge(opened.id(), "alice", "looking", T0.plusSeconds(60))).isTrue();
    assertThat(alerts.find(opened.id()).orElseThrow().acknowledged()).isTrue();

    alerts.changed(opened.id(), offline("n-1", Severity.CRITICAL), T0.plusSeconds(120));
    AlertRow changed = alerts.find(opened.id()).orElseThrow();
    assertThat(changed.acknowledged()).isFalse();
    assertThat(changed.severity()).isEqualTo(Severity.CRITICAL);

    alerts.resolve(opened.id(), T0.plusSeconds(180));
    assertThat(alerts.acknowledge(opened.id(), "alice", null, T0.plusSeconds(200))).isFalse();
    assertThat(alerts.open(offline("n-1", Severity.WARNING), T0.plusSeconds(300), null).id())
        .as("a new incident after the old one resolved")
        .isNotEqualTo(opened.id());
    assertThat(alerts.open().bySeverity()).containsEntry(Severity.WARNING, 1L);
    assertThat(alerts.search(new AlertQuery(AlertState.RESOLVED, null, null, 10))).hasSize(1);
  }

  @Test
  void deliveries_queueSendAndGiveUpAfterTheLastAttempt() {
    long id = alerts.open(offline("n-2", Severity.CRITICAL), T0, null).id();
    deliveries.queue(id, "slack", DeliveryKind.FIRING, T0);
    deliveries.queue(id, "email", DeliveryKind.FIRING, T0);

    long slack = deliveries.pending("slack").getFirst().id();
    deliveries.sent(List.of(slack), T0.plusSeconds(1));
    long email = deliveries.pending("email").getFirst().id();
    deliveries.failed(List.of(email), "connection refused", 2);
    assertThat(deliveries.pending("email"))
        .singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
    deliveries.failed(List.of(email), "connection refused", 2);

    assertThat(deliveries.pending("email")).isEmpty();
    assertThat(deliveries.of(id))
        .extracting(DeliveryRow::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.GAVE_UP);
    assertThat(deliveries.lastSent("slack")).contains(T0.plusSeconds(1));
    assertThat(deliveries.channelsTold(id)).containsExactly("slack", "email");
  }

  @Test
  void silences_matchEveryLabel_andExpireOnce() {
    SilenceRow silence =
        silences.create(
            Map.of("region", "eu-west"), "maintenance", "sre", T0, T0.plus(Duration.ofHours(2)));

    assertThat(silence.matches(Map.of("region", "eu-west", "node", "n-1"))).isTrue();
    assertThat(silence.matches(Map.of("region", "us-east"))).isFalse();
    assertThat(silences.live(T0)).hasSize(1);
    assertThat(silences.expire(silence.id(), T0.plusSeconds(60), "done")).isTrue();
    assertThat(silences.expire(silence.id(), T0.plusSeconds(61), "again")).isFalse();
    assertThat(silences.live(T0.plusSeconds(62))).isEmpty();
    assertThatThrownBy(() -> silences.create(Map.of(), "empty", "sre", T0, T0.plusSeconds(1)))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private static Finding offline(String node, Severity severity) {
    return new Finding(
        "NodeOffline",
        "NodeOffline/node=" + node,
        severity,
        node + " is offline",
        Map.of("node", node, "region", "eu-west"),
        List.of(node),
        List.of(),
        "docs/alerts.md#nodeoffline");
  }
}
