package io.noderr.console.observe;

import io.noderr.console.security.Callers;
import io.noderr.console.security.Roles;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.alert.AlertQuery;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.AlertState;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.OpenAlerts;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The dashboard's open alerts: firing incidents counted by severity, and the newest of them (an
 * operator login's: about its own nodes).
 */
@Service
public class DashboardAlerts {

  /** The dashboard lists this many; the counts cover them all. */
  static final int SHOWN = 8;

  private final Alerts alerts;

  DashboardAlerts(Alerts alerts) {
    this.alerts = alerts;
  }

  /**
   * @param counts every firing alert by severity, and how many nobody has acknowledged
   * @param newest the {@value #SHOWN} most recent firing alerts, newest first
   */
  public record Open(OpenAlerts counts, List<AlertRow> newest) {}

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public Open open() {
    OperatorScope scope = Callers.scope();
    return new Open(
        alerts.open(scope),
        alerts.search(new AlertQuery(AlertState.FIRING, null, null, SHOWN), scope));
  }
}
