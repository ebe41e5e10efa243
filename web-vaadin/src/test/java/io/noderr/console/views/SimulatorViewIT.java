package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;

/**
 * The Simulator view with a hosted fleet: admins set release faults (a refused spec is shown and
 * changes nothing), SREs only read, operators are refused. The fleet is the console tests' {@link
 * io.noderr.console.StandInFleet}.
 */
class SimulatorViewIT extends AbstractKaribuIT {

  @Test
  void admin_setsReleaseFaults_andARefusedSpecChangesNothing() {
    startAs("admin");
    SimulatorView view = open();
    assertThat(
            _find(
                SideNavItem.class,
                spec -> spec.withPredicate(i -> "Simulator".equals(i.getLabel()))))
        .hasSize(1);
    assertThat(faults().getText()).isEqualTo("40 simulated nodes; release faults: none");

    _setValue(view.spec, "1.6.0:unhealthy=30");
    _click(view.apply);
    assertThat(faults().getText()).endsWith("release faults: 1.6.0:unhealthy=30");
    expectNotifications("Release faults applied");

    _setValue(view.spec, "1.6.0:melt=5");
    _click(view.apply);
    expectNotifications(
        "release fault '1.6.0:melt=5': the kind must be unhealthy, slow, crash, hang, errors or latency");
    assertThat(faults().getText()).endsWith("release faults: 1.6.0:unhealthy=30");
  }

  @Test
  void sre_readsOnly_andOperatorsAreRefused() {
    startAs("sre");
    SimulatorView view = open();
    assertThat(view.spec.isAttached()).isFalse();

    startWithRoles("olga", "OPERATOR");
    UI.getCurrent().navigate("simulator");
    assertThat(_find(SimulatorView.class)).isEmpty();
  }

  private static SimulatorView open() {
    UI.getCurrent().navigate(SimulatorView.class);
    return _get(SimulatorView.class);
  }

  private static Span faults() {
    return _get(Span.class, spec -> spec.withId("release-faults"));
  }
}
