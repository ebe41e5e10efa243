package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
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
import io.noderr.console.security.Roles;
import io.noderr.console.token.ApiTokenForm;
import io.noderr.console.token.ApiTokenNotFoundException;
import io.noderr.console.token.ApiTokenRefusedException;
import io.noderr.console.token.ApiTokenService;
import io.noderr.console.token.CreatedApiToken;
import io.noderr.registry.access.ApiTokenRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in person's API tokens: create one with some of their roles (shown once), see when
 * each was last used, revoke. The same facade as {@code /api/v1/tokens}.
 */
@Route(value = "tokens", layout = MainLayout.class)
@PageTitle("API tokens | Noderr")
@RolesAllowed({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
public class TokensView extends VerticalLayout {

  final TextField name = new TextField("Name");
  final CheckboxGroup<String> roles = new CheckboxGroup<>("Roles");
  final IntegerField days = new IntegerField("Expires in (days)");
  final Button create = new Button("Create token", VaadinIcon.KEY.create());
  final Grid<ApiTokenRow> grid = new Grid<>(ApiTokenRow.class, false);
  private final ApiTokenService tokens;

  public TokensView(ApiTokenService tokens) {
    this.tokens = tokens;
    name.setId("token-name");
    name.setMaxLength(80);
    roles.setId("token-roles");
    List<String> held =
        Roles.of(caller()).stream().filter(Roles.PEOPLE::contains).sorted().toList();
    roles.setItems(held);
    roles.select(held);
    days.setId("token-days");
    days.setMin(1);
    days.setMax(365);
    days.setValue(30);
    create.setId("create-token");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.addClickListener(e -> create());
    HorizontalLayout form = new HorizontalLayout(name, roles, days, create);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

    grid.setId("tokens-grid");
    grid.addColumn(ApiTokenRow::name).setHeader("Name");
    grid.addColumn(row -> String.join(", ", row.roles())).setHeader("Roles");
    grid.addColumn(row -> NodesView.ago(row.createdAt())).setHeader("Created");
    grid.addColumn(row -> row.expiresAt().toString()).setHeader("Expires");
    grid.addColumn(row -> row.lastUsedAt() == null ? "never" : NodesView.ago(row.lastUsedAt()))
        .setHeader("Last used");
    grid.addComponentColumn(this::revokeButton).setKey("revoke");
    add(
        new H3("API tokens"),
        new Paragraph(
            "For scripts and automation: send Authorization: Bearer <token>. A token carries the"
                + " roles you give it (some of yours) and expires; it is shown once."),
        form,
        grid);
    setSizeFull();
    refresh();
  }

  private Button revokeButton(ApiTokenRow row) {
    Button revoke = new Button("Revoke", VaadinIcon.TRASH.create());
    revoke.setId("revoke-token-" + row.id());
    revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
    revoke.addClickListener(
        e -> {
          try {
            tokens.revoke(row.id(), caller());
            Notification.show("Token " + row.name() + " revoked");
          } catch (ApiTokenNotFoundException refused) {
            error(refused.getMessage());
          }
          refresh();
        });
    return revoke;
  }

  private void create() {
    try {
      CreatedApiToken created =
          tokens.create(
              new ApiTokenForm(name.getValue(), List.copyOf(roles.getValue()), days.getValue()),
              caller());
      showOnce(created);
      name.clear();
    } catch (ApiTokenRefusedException e) {
      error(e.getMessage());
    } catch (ConstraintViolationException e) {
      error(
          e.getConstraintViolations().stream()
              .map(v -> field(v.getPropertyPath().toString()) + " " + v.getMessage())
              .sorted()
              .reduce((a, b) -> a + "; " + b)
              .orElse("invalid token request"));
    }
    refresh();
  }

  /** "create.form.roles" -> "roles": the form field the person sees. */
  private static String field(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static void showOnce(CreatedApiToken created) {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("API token " + created.name());
    dialog.setCloseOnOutsideClick(false);
    TextField token = new TextField("Token");
    token.setId("new-api-token");
    token.setValue(created.token());
    token.setReadOnly(true);
    token.setWidth("36em");
    dialog.add(
        new Paragraph(
            "Copy it now: it is shown only this once (the platform keeps only its hash). Roles "
                + created.roles()
                + ", valid until "
                + created.expiresAt()
                + "."),
        token);
    Button done = new Button("I have copied it", e -> dialog.close());
    done.setId("close-api-token");
    dialog.getFooter().add(done);
    dialog.open();
  }

  private void refresh() {
    grid.setItems(tokens.mine(caller()));
  }

  private static void error(String message) {
    Notification.show(message, 6000, Notification.Position.MIDDLE)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  private static Authentication caller() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
