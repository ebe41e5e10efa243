package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.router.RouteNotFoundError;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.AlertSilences;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Alerts view: an SRE acknowledges with an owner and silences by label; an operator reads
 * without the actions; a signer cannot open it.
 */
class AlertsViewIT extends AbstractKaribuIT {

  @Autowired Alerts alerts;
  @Autowired AlertSilences silences;

  private AlertRow offline;

  @BeforeEach
  void oneAlert() {
    jdbc.execute("TRUNCATE alert_deliveries, alerts, alert_silences RESTART IDENTITY");
    offline =
        alerts.open(
            new Finding(
                "NodeOffline",
                "NodeOffline/node=n-1",
                Severity.WARNING,
                "node n-1 has been silent",
                Map.of("node", "n-1"),
                List.of("n-1"),
                List.of(),
                "docs/alerts.md#nodeoffline"),
            Instant.now(),
            null);
  }

  @Test
  void anSre_acknowledgesWithAnOwner_andSilencesByLabel() {
    startAs("sre");
    AlertsView view = open();
    assertThat(GridKt._size(view.grid)).isEqualTo(1);

    _setValue(view.owner, "alice");
    _click((Button) GridKt._getCellComponent(view.grid, 0, "ack"));
    expectNotifications("NodeOffline acknowledged by alice");
    assertThat(alerts.find(offline.id()).orElseThrow().ackedBy()).isEqualTo("alice");

    _setValue(view.matchers, "node=n-1");
    _setValue(view.hours, 48);
    _setValue(view.reason, "disk swap");
    _click(view.silence);
    expectNotifications("duration must be at most PT24H (noderr.alerts.silences.max-duration)");
    assertThat(silences.recent(5)).isEmpty();

    _setValue(view.hours, 2);
    _click(view.silence);
    assertThat(silences.recent(5))
        .singleElement()
        .satisfies(s -> assertThat(s.matchers()).containsEntry("node", "n-1"));
    assertThat(GridKt._size(view.silences)).isEqualTo(1);
    _click((Button) GridKt._getCellComponent(view.silences, 0, "expire"));
    assertThat(silences.recent(5).getFirst().expiredAt()).isNotNull();
  }

  @Test
  void anOperator_readsWithoutActions_andASignerCannotOpenIt() {
    // The alert is about n-1: an operator sees it when n-1 is one of its nodes.
    jdbc.update(
        "INSERT INTO operators (id, name) VALUES ('alertco', 'alertco') ON CONFLICT DO NOTHING");
    jdbc.update(
        "INSERT INTO nodes (id, operator_id, tier, region, status)"
            + " VALUES ('n-1', 'alertco', 'ORACLE', 'eu-west', 'ACTIVE') ON CONFLICT DO NOTHING");
    startAsOperatorOwning("olga", "n-1");
    AlertsView view = open();
    assertThat(GridKt._size(view.grid)).isEqualTo(1);
    assertThat(view.grid.getColumnByKey("ack")).isNull();
    assertThat(view.silence.isAttached()).isFalse();

    startAs("signer1");
    UI.getCurrent().navigate(AlertsView.class);
    assertThat(_get(RouteNotFoundError.class).getElement().getOuterHTML())
        .contains("Access is denied");
  }

  @Test
  void malformedMatchers_areRefusedWithAReason() {
    assertThatThrownBy(() -> AlertsView.parseMatchers("node"))
        .hasMessageContaining("write label=value pairs");
    assertThat(AlertsView.parseMatchers(" node = n-1 , region=eu "))
        .containsEntry("node", "n-1")
        .containsEntry("region", "eu");
  }

  private static AlertsView open() {
    UI.getCurrent().navigate(AlertsView.class);
    return _get(AlertsView.class);
  }
}
