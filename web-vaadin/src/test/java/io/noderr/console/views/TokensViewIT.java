package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.http.Secrets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Tokens view: a person creates a token (shown once) with some of their roles and revokes it.
 */
class TokensViewIT extends AbstractKaribuIT {

  @Test
  void aPersonCreatesATokenShownOnce_andRevokesIt() {
    startAs("sre");
    TokensView view = open();
    assertThat(view.roles.getValue()).containsExactly("SRE");

    _setValue(view.name, "grafana");
    _click(view.create);
    String token = _get(TextField.class, spec -> spec.withId("new-api-token")).getValue();
    assertThat(Secrets.hasShape(Secrets.API_TOKEN, token)).isTrue();
    assertThat(GridKt._size(view.grid)).isEqualTo(1);
    assertThat(GridKt._get(view.grid, 0).name()).isEqualTo("grafana");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM api_tokens WHERE token_hash = ? AND owner = 'sre'",
                Long.class,
                Secrets.sha256Hex(token)))
        .isOne();

    long id = GridKt._get(view.grid, 0).id();
    Button revoke = (Button) GridKt._getCellComponent(view.grid, 0, "revoke");
    assertThat(revoke.getId()).hasValue("revoke-token-" + id);
    _click(revoke);
    expectNotifications("Token grafana revoked");
    assertThat(GridKt._size(view.grid)).isZero();
  }

  @Test
  void aNameWithControlCharactersOrNoRoleIsRefused_andNothingIsCreated() {
    startAs("signer3");
    TokensView view = open();
    _setValue(view.name, "bad\u0000name");
    _click(view.create);
    expectNotifications("name must not contain control characters");

    _setValue(view.name, "no-roles");
    view.roles.setValue(Set.of());
    _click(view.create);
    expectNotifications("roles must not be empty");
    assertThat(GridKt._size(view.grid)).isZero();
  }

  private static TokensView open() {
    UI.getCurrent().navigate(TokensView.class);
    return _get(TokensView.class);
  }
}
