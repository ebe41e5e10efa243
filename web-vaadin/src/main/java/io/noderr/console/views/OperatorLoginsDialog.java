package io.noderr.console.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.operator.CreatedOperatorLogin;
import io.noderr.console.operator.OperatorLoginForm;
import io.noderr.console.operator.OperatorLoginRefusedException;
import io.noderr.console.operator.OperatorLoginService;
import io.noderr.console.operator.OperatorLoginSummary;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An admin's view of one operator's logins: who may sign in for it, a new login (its generated
 * initial password shown once, here only) and disabling one.
 */
class OperatorLoginsDialog extends Dialog {

  final Grid<OperatorLoginSummary> grid = new Grid<>(OperatorLoginSummary.class, false);
  final TextField username = new TextField("New login");
  final Button create = new Button("Create login");
  final TextField initialPassword = new TextField("Initial password (shown once)");
  private final String operatorId;
  private final OperatorLoginService logins;

  OperatorLoginsDialog(String operatorId, OperatorLoginService logins) {
    this.operatorId = operatorId;
    this.logins = logins;
    setHeaderTitle("Logins of operator " + operatorId);
    grid.setId("operator-logins");
    grid.setAllRowsVisible(true);
    grid.setWidth("40em");
    grid.addColumn(OperatorLoginSummary::username).setHeader("Login");
    grid.addColumn(l -> NodesView.ago(l.createdAt()) + " by " + l.createdBy()).setHeader("Created");
    grid.addComponentColumn(this::stateOrDisable).setHeader("State").setKey("state");
    username.setId("operator-login-username");
    username.setPlaceholder("e.g. acme-ops");
    create.setId("create-operator-login");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.addClickListener(e -> create());
    initialPassword.setId("operator-login-password");
    initialPassword.setReadOnly(true);
    initialPassword.setVisible(false);
    initialPassword.setWidth("24em");
    add(
        new Paragraph(
            "An operator login sees only this operator's nodes, applications and tokens."),
        grid,
        new HorizontalLayout(username, create),
        initialPassword);
    getFooter().add(new Button("Close", e -> close()));
    refresh();
  }

  private Component stateOrDisable(OperatorLoginSummary login) {
    if (login.disabledAt() != null) {
      return new Span("disabled by " + login.disabledBy());
    }
    Button disable = new Button("Disable", e -> disable(login.username()));
    disable.setId("disable-login-" + login.username());
    disable.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
    return disable;
  }

  private void create() {
    try {
      CreatedOperatorLogin created =
          logins.create(
              operatorId,
              new OperatorLoginForm(username.getValue(), null),
              SecurityContextHolder.getContext().getAuthentication());
      initialPassword.setValue(created.initialPassword());
      initialPassword.setVisible(true);
      username.clear();
      refresh();
    } catch (OperatorLoginRefusedException e) {
      Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  private void disable(String login) {
    logins.disable(operatorId, login, SecurityContextHolder.getContext().getAuthentication());
    Notification.show("Login " + login + " disabled", 4000, Notification.Position.BOTTOM_START);
    refresh();
  }

  private void refresh() {
    grid.setItems(logins.list(operatorId));
  }
}
