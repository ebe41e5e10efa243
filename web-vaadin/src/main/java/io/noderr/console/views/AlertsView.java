package io.noderr.console.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.noderr.console.alert.AlertConflictException;
import io.noderr.console.alert.AlertNotFoundException;
import io.noderr.console.alert.AlertService;
import io.noderr.console.alert.InvalidAlertRequestException;
import io.noderr.console.security.Roles;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.AlertState;
import io.noderr.registry.alert.SilenceRow;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Alerts: what fires (and recently resolved), who owns it, what silences it; SREs and admins
 * acknowledge (naming an owner) and silence by label. The same facade as {@code /api/v1/alerts}.
 */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts | Noderr")
@RolesAllowed({"ADMIN", "SRE", "OPERATOR"})
public class AlertsView extends VerticalLayout {

  final Checkbox showResolved = new Checkbox("Show resolved");
  final Grid<AlertRow> grid = new Grid<>(AlertRow.class, false);
  final TextField owner = new TextField("Owner");
  final TextField note = new TextField("Note");
  final TextField matchers = new TextField("Matchers (label=value, ...)");
  final IntegerField hours = new IntegerField("Hours");
  final TextField reason = new TextField("Reason");
  final Button silence = new Button("Silence", VaadinIcon.BELL_SLASH.create());
  final Grid<SilenceRow> silences = new Grid<>(SilenceRow.class, false);
  private final AlertService alerts;
  private final boolean canAct;

  public AlertsView(AlertService alerts) {
    this.alerts = alerts;
    Set<String> roles = Roles.of(caller());
    this.canAct = roles.contains(Roles.ADMIN) || roles.contains(Roles.SRE);

    showResolved.setId("alerts-show-resolved");
    showResolved.addValueChangeListener(e -> refresh());
    grid.setId("alerts-grid");
    grid.addColumn(a -> a.severity().name()).setHeader("Severity").setAutoWidth(true);
    grid.addColumn(AlertRow::rule).setHeader("Alert").setAutoWidth(true);
    grid.addColumn(AlertRow::summary).setHeader("Summary").setFlexGrow(3);
    grid.addColumn(a -> NodesView.ago(a.firstSeen())).setHeader("Since");
    grid.addColumn(a -> a.state() == AlertState.RESOLVED ? "resolved" : owner(a))
        .setHeader("Owner");
    grid.addColumn(a -> a.silencedBy() == null ? "" : a.silencedBy()).setHeader("Silenced by");
    grid.addColumn(AlertRow::runbook).setHeader("Runbook");
    add(
        new H3("Alerts"),
        new Paragraph(
            "Each incident is sent once per channel, escalates along the route until someone"
                + " acknowledges it, and is announced when it resolves. An acknowledgement names"
                + " an owner and is lifted when the alert changes."),
        showResolved);
    if (canAct) {
      grid.addComponentColumn(this::ackButton).setKey("ack");
      owner.setId("alert-owner");
      owner.setPlaceholder(caller().getName());
      owner.setMaxLength(80);
      note.setId("alert-note");
      note.setMaxLength(500);
      add(row(owner, note));
    }
    add(grid);

    silences.setId("silences-grid");
    silences.addColumn(s -> s.matchers().toString()).setHeader("Matchers");
    silences.addColumn(SilenceRow::reason).setHeader("Reason");
    silences.addColumn(SilenceRow::createdBy).setHeader("By");
    silences.addColumn(s -> s.endsAt().toString()).setHeader("Ends");
    silences.addColumn(s -> s.expiredAt() == null ? "" : s.expiredReason()).setHeader("Ended");
    add(new H4("Silences"));
    if (canAct) {
      silences.addComponentColumn(this::expireButton).setKey("expire");
      matchers.setId("silence-matchers");
      matchers.setPlaceholder("node=n-1");
      hours.setId("silence-hours");
      hours.setMin(1);
      hours.setValue(2);
      reason.setId("silence-reason");
      reason.setMaxLength(500);
      silence.setId("create-silence");
      silence.addClickListener(e -> createSilence());
      add(row(matchers, hours, reason, silence));
    }
    add(silences);
    setSizeFull();
    refresh();
  }

  void refresh() {
    grid.setItems(alerts.list(showResolved.getValue() ? null : "FIRING", null, null, 200));
    silences.setItems(alerts.silences());
  }

  private Button ackButton(AlertRow alert) {
    Button ack = new Button("Acknowledge", VaadinIcon.HANDSHAKE.create());
    ack.setId("ack-alert-" + alert.id());
    ack.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    ack.setVisible(alert.state() == AlertState.FIRING && !alert.acknowledged());
    ack.addClickListener(
        e -> {
          try {
            AlertRow acked =
                alerts.acknowledge(alert.id(), owner.getValue(), note.getValue(), caller());
            Notification.show(acked.rule() + " acknowledged by " + acked.ackedBy());
          } catch (InvalidAlertRequestException
              | AlertConflictException
              | AlertNotFoundException refused) {
            error(refused.getMessage());
          }
          refresh();
        });
    return ack;
  }

  private Button expireButton(SilenceRow row) {
    Button expire = new Button("Expire", VaadinIcon.CLOSE_SMALL.create());
    expire.setId("expire-silence-" + row.id());
    expire.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
    expire.setVisible(row.expiredAt() == null);
    expire.addClickListener(
        e -> {
          try {
            alerts.expire(row.id(), caller());
            Notification.show("Silence " + row.id() + " expired");
          } catch (AlertConflictException | AlertNotFoundException refused) {
            error(refused.getMessage());
          }
          refresh();
        });
    return expire;
  }

  private void createSilence() {
    try {
      Integer h = hours.getValue();
      SilenceRow created =
          alerts.silence(
              parseMatchers(matchers.getValue()),
              h == null ? null : Duration.ofHours(h),
              reason.getValue(),
              caller());
      Notification.show("Silence " + created.id() + " until " + created.endsAt());
      matchers.clear();
      reason.clear();
    } catch (InvalidAlertRequestException refused) {
      error(refused.getMessage());
    }
    refresh();
  }

  /** {@code "node=n-1, region=eu"} to a map; a part without "=" is a malformed matcher. */
  static Map<String, String> parseMatchers(String text) {
    Map<String, String> parsed = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return parsed;
    }
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 1) {
        throw new InvalidAlertRequestException(
            "matchers: write label=value pairs separated by commas, e.g. node=n-1");
      }
      parsed.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
    }
    return parsed;
  }

  private static String owner(AlertRow alert) {
    return alert.acknowledged() ? alert.ackedBy() : "nobody yet";
  }

  private static HorizontalLayout row(Component... parts) {
    HorizontalLayout row = new HorizontalLayout(parts);
    row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    return row;
  }

  private static void error(String message) {
    Notification.show(message, 6000, Notification.Position.MIDDLE)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  private static Authentication caller() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
