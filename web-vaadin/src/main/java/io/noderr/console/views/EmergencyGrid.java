package io.noderr.console.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.RouterLink;
import io.noderr.console.emergency.EmergencySummary;
import io.noderr.console.emergency.Mandates;
import java.time.Instant;

/**
 * Emergencies as a list: what, where, how far, and a running guardian mandate's time left (read at
 * each refresh, so the view's tick keeps it current).
 */
class EmergencyGrid extends Grid<EmergencySummary> {

  /**
   * @param linked ids link to the Emergency view (for lists elsewhere, e.g. the signer inbox)
   */
  EmergencyGrid(boolean linked) {
    super(EmergencySummary.class, false);
    if (linked) {
      addComponentColumn(row -> new RouterLink(row.id(), EmergencyView.class, row.id()))
          .setHeader("Emergency")
          .setKey("id");
    } else {
      addColumn(EmergencySummary::id).setHeader("Emergency").setKey("id");
    }
    addColumn(EmergencySummary::action).setHeader("Action").setKey("Action");
    addColumn(EmergencySummary::scope).setHeader("Scope").setKey("Scope");
    addColumn(EmergencySummary::stage).setHeader("Stage").setKey("Stage");
    addColumn(row -> row.signatures() + " of " + row.required())
        .setHeader("Signatures")
        .setKey("Signatures");
    addColumn(EmergencyGrid::mandate).setHeader("Mandate").setKey("Mandate");
    addColumn(row -> String.join("; ", row.effects())).setHeader("Effects").setKey("Effects");
  }

  /** Only a running mandate counts down; after ratification or reversal the stage says it. */
  static String mandate(EmergencySummary row) {
    return "MANDATE".equals(row.stage())
        ? Mandates.countdown(row.mandateExpiresAt(), Instant.now())
        : "";
  }
}
