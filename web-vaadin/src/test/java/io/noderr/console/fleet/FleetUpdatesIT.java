package io.noderr.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.shared.Registration;
import io.noderr.console.AbstractConsoleIT;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.fleet.FleetHealth;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The pushed fleet totals: each open view gets the totals of the scope it subscribed with. */
class FleetUpdatesIT extends AbstractConsoleIT {

  @Autowired FleetUpdates updates;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anOperatorsViewIsPushedItsOwnTotals_neverTheWholeFleets() {
    jdbc.update(
        "INSERT INTO operators (id, name) VALUES ('tickco', 'tickco') ON CONFLICT DO NOTHING");
    jdbc.update(
        "INSERT INTO nodes (id, operator_id, tier, region, status) VALUES ('tick-1', 'tickco',"
            + " 'ALL', 'eu-west', 'ACTIVE') ON CONFLICT DO NOTHING");
    jdbc.update(
        "INSERT INTO operators (id, name) VALUES ('tockco', 'tockco') ON CONFLICT DO NOTHING");
    jdbc.update(
        "INSERT INTO nodes (id, operator_id, tier, region, status) VALUES ('tock-1', 'tockco',"
            + " 'ALL', 'eu-west', 'ACTIVE') ON CONFLICT DO NOTHING");
    AtomicReference<FleetHealth> operator = new AtomicReference<>();
    AtomicReference<FleetHealth> everyone = new AtomicReference<>();
    AtomicReference<FleetHealth> nobody = new AtomicReference<>();
    Registration a = updates.subscribe(OperatorScope.of("tickco"), operator::set);
    Registration b = updates.subscribe(OperatorScope.ALL, everyone::set);
    Registration c = updates.subscribe(OperatorScope.NONE, nobody::set);
    try {
      updates.publish();
    } finally {
      a.remove();
      b.remove();
      c.remove();
    }
    assertThat(operator.get().total()).isOne();
    assertThat(everyone.get().total()).isGreaterThanOrEqualTo(2);
    assertThat(nobody.get().total()).isZero();
  }
}
