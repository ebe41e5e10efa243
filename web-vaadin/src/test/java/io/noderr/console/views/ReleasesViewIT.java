package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.RouteNotFoundError;
import io.noderr.console.release.ReleaseDetails;
import io.noderr.console.release.ReleaseNotFoundException;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.workflows.release.ReleaseStage;
import org.junit.jupiter.api.Test;

/**
 * The Releases view in Karibu's browserless Vaadin on the real Spring context, with the real
 * ReleaseApprovalWorkflow on the local beacon: the banner saying where the beacon is, a proposal
 * through the dialog (and a malformed one refused in the rules' words), a withdrawal with a reason,
 * and who may see and act.
 */
class ReleasesViewIT extends AbstractReleaseIT {

  private static final String ORACLE_1_0_0 = "release-ORACLE-1.0.0";

  @Test
  void theBannerSaysPlainlyThatTheBeaconIsLocalAndNotOnChain() {
    startAs("admin");
    open();

    Span banner = _get(Span.class, spec -> spec.withId("beacon-backend"));
    assertThat(banner.getText()).startsWith("Local beacon (PostgreSQL), not on chain");
    assertThat(_get(Span.class, spec -> spec.withId("current-versions")).getText())
        .isEqualTo("Nothing published yet.");
  }

  @Test
  void admin_proposesThroughTheDialog_andTheRequestAwaitsTwoOfThreeSignatures() {
    startAs("admin");
    ReleasesView view = open();

    _click(view.propose);
    ProposeReleaseDialog dialog = _get(ProposeReleaseDialog.class);
    _setValue(dialog.tier, "ORACLE");
    _setValue(dialog.version, "1.0.0");
    _setValue(dialog.imageDigest, IMAGE_DIGEST);
    _click(_get(Button.class, spec -> spec.withId("confirm-propose")));

    assertThat(notifications()).contains(ORACLE_1_0_0 + ": AWAITING_SIGNATURES");
    ReleaseRow row = awaitStatus(ORACLE_1_0_0, "AWAITING_SIGNATURES");
    assertThat(row.proposedBy()).isEqualTo("admin");
    assertThat(row.threshold()).isEqualTo(2);
    // The read model is written by the workflow just after the proposal answers: look again.
    _setValue(view.status, ReleaseStage.AWAITING_SIGNATURES);
    assertThat(_size(view.grid)).isEqualTo(1);
    assertThat(_get(view.grid, 0).id()).isEqualTo(ORACLE_1_0_0);
    assertThat(_get(view.grid, 0).status()).isEqualTo("AWAITING_SIGNATURES");

    view.grid.select(_get(view.grid, 0));

    ReleaseDetails details = releases.details(ORACLE_1_0_0);
    assertThat(line(view.details, "Status")).isEqualTo("AWAITING_SIGNATURES");
    assertThat(_get(Anchor.class, spec -> spec.withId("release-temporal-ui")).getHref())
        .isEqualTo("http://temporal-ui.test:8233/namespaces/default/workflows/" + ORACLE_1_0_0);
    assertThat(line(view.details, "EIP-712 digest"))
        .matches("0x[0-9a-f]{64}")
        .isEqualTo(details.digest());
    assertThat(line(view.details, "Signatures")).startsWith("0 of 2");
    assertThat(line(view.details, "Image digest")).isEqualTo(IMAGE_DIGEST);
    assertThat(line(view.details, "Beacon")).isEqualTo("LOCAL, chain " + LOCAL_CHAIN_ID);
    assertThat(line(view.details, "Nonce")).isEqualTo("0");
    assertThat(view.withdraw.isVisible()).isTrue();
  }

  @Test
  void aMalformedProposal_isRefusedInTheRulesWords_andCreatesNothing() {
    startAs("admin");
    ReleasesView view = open();

    _click(view.propose);
    ProposeReleaseDialog dialog = _get(ProposeReleaseDialog.class);
    _setValue(dialog.tier, "ORACLE");
    _setValue(dialog.version, "latest");
    _setValue(dialog.imageDigest, IMAGE_DIGEST);
    _click(_get(Button.class, spec -> spec.withId("confirm-propose")));

    assertThat(notifications())
        .containsExactly(
            "'latest' is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build], e.g. 1.4.2)");
    assertThat(_size(view.grid)).isZero();
    assertThat(requests.list(null, 0, 10).rows()).isEmpty();
    assertThatThrownBy(() -> releases.details("release-ORACLE-latest"))
        .isInstanceOf(ReleaseNotFoundException.class);
  }

  @Test
  void admin_withdrawsWithAReason() {
    proposeAsAdmin("ORACLE", "1.0.0");
    startAs("admin");
    ReleasesView view = open();
    view.grid.select(_get(view.grid, 0));

    _click(view.withdraw);
    _setValue(_get(TextArea.class, spec -> spec.withId("reject-reason")), "wrong image built");
    _click(_get(Button.class, spec -> spec.withId("confirm-reject")));

    assertThat(notifications()).contains(ORACLE_1_0_0 + ": WITHDRAWN");
    ReleaseRow withdrawn = awaitStatus(ORACLE_1_0_0, "WITHDRAWN");
    assertThat(withdrawn.reason()).isEqualTo("withdrawn by admin: wrong image built");
    assertThat(line(view.details, "Status")).isEqualTo("WITHDRAWN");
    assertThat(view.withdraw.isVisible()).isFalse();
    // Once withdrawn, the next proposal may go to the signers.
    assertThat(proposeAsAdmin("ORACLE", "1.0.1").status()).isEqualTo("AWAITING_SIGNATURES");
  }

  @Test
  void aRequestAnSreTerminatedInTheTemporalUi_doesNotBlockTheNextProposal() {
    ReleaseDetails terminated = proposeAsAdmin("ORACLE", "1.0.0");
    terminate(terminated.id());

    // Its row still says AWAITING_SIGNATURES, and its workflow still answers queries with that
    // stage: only a running workflow counts as the one open release.
    assertThat(proposeAsAdmin("ORACLE", "1.0.1").id()).isNotEqualTo(terminated.id());
  }

  @Test
  void sre_seesReleases_butCannotProposeOrWithdraw() {
    proposeAsAdmin("ORACLE", "1.0.0");
    startAs("sre");
    ReleasesView view = open();
    view.grid.select(_get(view.grid, 0));

    assertThat(view.details.isVisible()).isTrue();
    assertThat(line(view.details, "Signatures")).startsWith("0 of 2");
    _assertNone(Button.class, spec -> spec.withId("propose-release"));
    _assertNone(Button.class, spec -> spec.withId("withdraw-release"));
  }

  @Test
  void operators_cannotOpenIt() {
    startWithRoles("operator1", "OPERATOR");
    UI.getCurrent().navigate(ReleasesView.class);
    assertThat(_get(RouteNotFoundError.class).getElement().getOuterHTML())
        .contains("Access is denied");
  }

  private static ReleasesView open() {
    UI.getCurrent().navigate(ReleasesView.class);
    return _get(ReleasesView.class);
  }
}
