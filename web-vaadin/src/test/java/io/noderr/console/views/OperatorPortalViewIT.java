package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import io.noderr.console.onboarding.ApplicationForm;
import io.noderr.console.onboarding.ApplicationService;
import io.noderr.console.security.OperatorPrincipal;
import io.noderr.console.token.ApiTokenForm;
import io.noderr.console.token.ApiTokenService;
import io.noderr.registry.Tier;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.NodeEnrollment;
import io.noderr.registry.node.NodeRow;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console as an operator login sees it: its own nodes in the grid, search and counts, another
 * operator's node page "not found", its own applications and tokens only; an OPERATOR without an
 * operator sees nothing; the demo profile's operator logins resolve to the simulated fleet's
 * operators.
 */
class OperatorPortalViewIT extends AbstractKaribuIT {

  private static final String OWN = "portalco";
  private static final String OTHER = "otherco";

  @Autowired NodeEnrollment enrollment;
  @Autowired ApplicationService applicationService;
  @Autowired Applications applications;
  @Autowired ApiTokenService tokens;
  @Autowired PasswordEncoder encoder;

  @BeforeEach
  void twoOperators() {
    emptyFleet();
    enrollment.enroll(
        List.of(
            node("portal-1", OWN),
            node("portal-2", OWN),
            node("other-1", OTHER),
            node("other-2", OTHER),
            node("other-3", OTHER)),
        "test");
  }

  private static EnrollmentRequest node(String id, String operator) {
    return new EnrollmentRequest(id, operator, Tier.ORACLE, "eu-north", Labels.none());
  }

  @Test
  void theNodesGrid_searchAndCounts_showOnlyTheOperatorsOwnNodes() {
    startAsOperator("pat", OWN);
    UI.getCurrent().navigate(NodesView.class);
    NodesView view = _get(NodesView.class);

    assertThat(_size(view.grid)).isEqualTo(2);
    assertThat(IntStream.range(0, 2).mapToObj(i -> _get(view.grid, i)).map(NodeRow::id))
        .containsExactly("portal-1", "portal-2");
    _setValue(view.search, "other");
    assertThat(_size(view.grid)).isZero();

    UI.getCurrent().navigate(DashboardView.class);
    DashboardView dashboard = _get(DashboardView.class);
    _get(Span.class, spec -> spec.withId("fleet-total").withText("2"));
    // Fleet-wide charts aggregate every operator's nodes: not for an operator.
    assertThat(dashboard.health.isAttached()).isFalse();
  }

  @Test
  void anotherOperatorsNodePage_saysNotFound_likeAMissingNode() {
    startAsOperator("pat", OWN);
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params("other-1"));
    _get(H2.class, spec -> spec.withText("Node not found"));

    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params("portal-1"));
    _assertNone(H2.class, spec -> spec.withText("Node not found"));
  }

  @Test
  void anOperatorWithoutAnOperatorBinding_seesNoNodes() {
    startWithRoles("olga", "OPERATOR");
    UI.getCurrent().navigate(NodesView.class);
    assertThat(_size(_get(NodesView.class).grid)).isZero();
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params("portal-1"));
    _get(H2.class, spec -> spec.withText("Node not found"));
  }

  @Test
  void theApplicationsView_listsOnlyTheOperatorsOwn_withoutDecisions() {
    String ownAddress = "0x" + "e1".repeat(20);
    String own = submit("Portal Own Ltd", ownAddress);
    submit("Portal Other Ltd", "0x" + "e2".repeat(20));

    startAsOperator("pat", ownAddress);
    UI.getCurrent().navigate(ApplicationsView.class);
    ApplicationsView view = _get(ApplicationsView.class);
    assertThat(_size(view.grid)).isGreaterThanOrEqualTo(1);
    assertThat(
            IntStream.range(0, _size(view.grid))
                .mapToObj(i -> _get(view.grid, i))
                .map(ApplicationRow::signingAddress))
        .containsOnly(ownAddress);
    view.grid.select(_get(view.grid, 0));
    assertThat(view.approve.isAttached()).isFalse();
    assertThat(
            IntStream.range(0, _size(view.grid))
                .mapToObj(i -> _get(view.grid, i))
                .map(ApplicationRow::id))
        .contains(own);
  }

  @Test
  void theTokensView_listsOnlyTheOperatorsOwnTokens() {
    startAsOperator("pat-tokens", OWN);
    tokens.create(new ApiTokenForm("pat-ci", List.of("OPERATOR"), 1), auth());
    startAsOperator("kim-tokens", OTHER);
    tokens.create(new ApiTokenForm("kim-ci", List.of("OPERATOR"), 1), auth());

    startAsOperator("pat-tokens", OWN);
    UI.getCurrent().navigate(TokensView.class);
    TokensView view = _get(TokensView.class);
    assertThat(
            IntStream.range(0, _size(view.grid)).mapToObj(i -> _get(view.grid, i).name()).toList())
        .contains("pat-ci")
        .doesNotContain("kim-ci");
    assertThat(
            jdbc.queryForObject(
                "SELECT operator_id FROM api_tokens WHERE owner = 'pat-tokens' AND name = 'pat-ci'"
                    + " AND revoked_at IS NULL",
                String.class))
        .isEqualTo(OWN);
    jdbc.update(
        "UPDATE api_tokens SET revoked_at = now() WHERE owner IN ('pat-tokens', 'kim-tokens')");
  }

  @Test
  void anOperatorTokenForSomeoneWithoutAnOperator_isRefused() {
    startWithRoles("olga", "OPERATOR");
    assertThatThrownBy(
            () -> tokens.create(new ApiTokenForm("olga-ci", List.of("OPERATOR"), 1), auth()))
        .hasMessageContaining("operator login");
  }

  @Test
  void theDemoOperatorLogins_actForTheSimulatedFleetsOperators() {
    assertThat(users.loadUserByUsername("operator1"))
        .isInstanceOfSatisfying(
            OperatorPrincipal.class, p -> assertThat(p.operatorId()).isEqualTo("op-aurora"));
    assertThat(users.loadUserByUsername("operator2"))
        .isInstanceOfSatisfying(
            OperatorPrincipal.class, p -> assertThat(p.operatorId()).isEqualTo("op-borealis"));
    enrollment.enroll(List.of(node("aurora-1", "op-aurora")), "test");

    startAs("operator1");
    UI.getCurrent().navigate(NodesView.class);
    NodesView view = _get(NodesView.class);
    assertThat(_size(view.grid)).isOne();
    assertThat(_get(view.grid, 0).id()).isEqualTo("aurora-1");
    _assertNone(Button.class, spec -> spec.withId("check-health"));
  }

  @Test
  void anAdmin_makesAndDisablesAnOperatorsLogin_fromTheNodePage() {
    jdbc.update("DELETE FROM operator_logins WHERE operator_id = ?", OWN);
    startAs("admin");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params("portal-1"));
    _click(_get(Button.class, spec -> spec.withId("operator-logins-button")));
    OperatorLoginsDialog dialog = _get(OperatorLoginsDialog.class);

    _setValue(dialog.username, "Not Valid");
    _click(dialog.create);
    assertThat(notifications()).anyMatch(text -> text.startsWith("username must be"));
    assertThat(_size(dialog.grid)).isZero();

    _setValue(dialog.username, "portal-ops");
    _click(dialog.create);
    String password = dialog.initialPassword.getValue();
    assertThat(dialog.initialPassword.isVisible()).isTrue();
    assertThat(_size(dialog.grid)).isOne();
    String hash =
        jdbc.queryForObject(
            "SELECT password_hash FROM operator_logins WHERE username = 'portal-ops'",
            String.class);
    assertThat(encoder.matches(password, hash)).isTrue();

    Button disable = (Button) _getCellComponent(dialog.grid, 0, "state");
    assertThat(disable.getId()).hasValue("disable-login-portal-ops");
    _click(disable);
    assertThat(_get(dialog.grid, 0).disabledBy()).isEqualTo("admin");
    assertThat(users.loadUserByUsername("portal-ops").isEnabled()).isFalse();
  }

  @Test
  void nonAdmins_getNoLoginButton() {
    startAs("sre");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params("portal-1"));
    _assertNone(Button.class, spec -> spec.withId("operator-logins-button"));
  }

  private String submit(String operator, String address) {
    String id =
        applicationService.submit(
            new ApplicationForm(operator, "ops@example.org", "ALL", "eu-west", address));
    await().atMost(Duration.ofSeconds(10)).until(() -> applications.find(id).isPresent());
    return id;
  }

  private static org.springframework.security.core.Authentication auth() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
