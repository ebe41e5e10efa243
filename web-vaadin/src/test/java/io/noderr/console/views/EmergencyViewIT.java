package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.router.RouterLink;
import io.noderr.console.emergency.EmergencyDetails;
import io.noderr.console.emergency.EmergencyForm;
import io.noderr.console.emergency.EmergencyRefusedException;
import io.noderr.console.emergency.EmergencyService;
import io.noderr.console.emergency.VetoChoice;
import io.noderr.registry.emergency.Emergencies;
import io.noderr.registry.emergency.EmergencyRow;
import io.noderr.signing.DemoSigners;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Emergency view in Karibu's browserless Vaadin on the real Spring context, with the real
 * EmergencyWorkflow on the local beacon in PostgreSQL (demo signers, 2 of 3, demo signer 1 the
 * guardian, 24 h mandate): the red button's confirmation, a pause a guardian's demo key makes act
 * and two signers ratify, refusals in the rules' words, the signer inbox's link, and who may do
 * what.
 */
class EmergencyViewIT extends AbstractKaribuIT {

  private static final Duration WORKFLOW_WRITES = Duration.ofSeconds(20);

  @Autowired EmergencyService emergencies;
  @Autowired Emergencies rows;

  /**
   * Ends the open emergencies' workflows and undoes what they did to the shared database (tier
   * holds, quarantines, the local beacon's pauses), so other test classes see an unpaused fleet.
   */
  @BeforeEach
  @AfterEach
  void forgetEveryEmergency() {
    jdbc.queryForList(
            "SELECT id FROM emergencies WHERE stage = ANY (?::text[])",
            String.class,
            "{" + String.join(",", EmergencyRow.OPEN_STAGES) + "}")
        .forEach(this::terminate);
    jdbc.execute(
        "TRUNCATE emergencies, tier_holds, emergency_quarantines;"
            + " UPDATE local_beacon SET paused = false, guardian_expires_at = NULL;"
            + " UPDATE local_multisig SET nonce = 0");
  }

  @Test
  void theRedButton_saysWhatHappens_thenProposesAPause_forTheGuardianToSign() {
    startAs("signer1");
    EmergencyView view = open();

    _setValue(view.redButton.tiers, Set.of("ORACLE"));
    _setValue(view.redButton.reason, "oracle 2.1.0 double-signs");
    _click(view.redButton.pause);

    assertThat(_get(Dialog.class).getHeaderTitle()).isEqualTo("Pause ORACLE?");
    assertThat(view.redButton.consequences.getText())
        .isEqualTo(
            "Pauses every running deployment on ORACLE, refuses new ones, pauses ORACLE on the"
                + " beacon; one guardian's signature acts at once, for 24 h unless 2 signers"
                + " ratify.");
    _click(_get(Button.class, spec -> spec.withId("confirm-pause")));

    EmergencyRow row = awaitNewest("AWAITING_SIGNATURES");
    assertThat(row.action()).isEqualTo("PAUSE");
    assertThat(row.reason()).isEqualTo("oracle 2.1.0 double-signs");
    assertThat(notifications()).containsExactly(row.id() + ": PAUSE AWAITING_SIGNATURES");
    // The new emergency is open at once, with what its guardian signs.
    assertThat(line(view.details, "Stage")).isEqualTo("AWAITING_SIGNATURES");
    assertThat(line(view.details, "Who may sign"))
        .isEqualTo(DemoSigners.addresses().get(DemoSigners.GUARDIAN - 1).value());
    assertThat(_get(Pre.class, spec -> spec.withId("emergency-typed-data")).getText())
        .contains("\"primaryType\" : \"GuardianPause\"");
    assertThat(_size(view.grid)).isEqualTo(1);
    assertThat(_getFormatted(view.grid, 0, "Scope")).contains("ORACLE");
  }

  @Test
  void theRedButton_withoutTiersOrReason_asksForThem_andProposesNothing() {
    startAs("admin");
    EmergencyView view = open();

    _click(view.redButton.pause);

    assertThat(view.redButton.tiers.isInvalid()).isTrue();
    assertThat(view.redButton.reason.isInvalid()).isTrue();
    _assertNone(Dialog.class);
    assertThat(count()).isZero();
  }

  @Test
  void allTiers_ticksEveryTier_andTheConfirmationNamesThemAll() {
    startAs("admin");
    EmergencyView view = open();

    _setValue(view.redButton.allTiers, true);
    _setValue(view.redButton.reason, "compromised registry");
    _click(view.redButton.pause);

    assertThat(view.redButton.consequences.getText())
        .startsWith(
            "Pauses every running deployment on ALL, ORACLE and GUARDIAN, refuses new ones,"
                + " pauses ALL, ORACLE and GUARDIAN on the beacon;");
  }

  @Test
  void theGuardiansDemoKey_actsAtOnce_andTwoSignersRatifyTheMandate() {
    EmergencyDetails pause = proposePause("signer1", "ORACLE");
    startAs("signer1");
    EmergencyView view = open();
    view.grid.select(_get(view.grid, 0));

    _click(_get(Button.class, spec -> spec.withId("demo-sign-1")));

    awaitNewest("MANDATE");
    assertThat(line(view.details, "Stage")).isIn("ACTING", "MANDATE");
    view.grid.getDataProvider().refreshAll();
    assertThat(_getFormatted(view.grid, 0, "Mandate")).matches("ends in 2[34] h( \\d+ min)?");
    assertThat(_getFormatted(view.grid, 0, "Effects")).isNotBlank();

    view.show(pause.id());
    assertThat(line(view.details, "Stage")).isEqualTo("MANDATE");
    _click(_get(Button.class, spec -> spec.withId("demo-sign-2")));
    _click(_get(Button.class, spec -> spec.withId("demo-sign-3")));

    awaitNewest("DONE");
    // Closed: gone from the open list, shown with the closed ones.
    view.grid.getDataProvider().refreshAll();
    assertThat(_size(view.grid)).isZero();
    _setValue(view.filter, EmergencyView.ALL);
    assertThat(_getFormatted(view.grid, 0, "Stage")).isEqualTo("DONE");
    assertThat(_getFormatted(view.grid, 0, "Mandate")).isEmpty();
  }

  @Test
  void aForgedSignature_isRefusedInTheWorkflowsWords_andCountsNothing() {
    EmergencyDetails pause = proposePause("signer2", "GUARDIAN");
    startAs("signer2");
    EmergencyView view = open();
    view.show(pause.id());

    _setValue(view.details.signer, DemoSigners.addresses().get(0).value());
    _setValue(view.details.signature, "0x" + "11".repeat(65));
    _click(view.details.submit);

    assertThat(notifications()).singleElement().asString().isNotBlank().doesNotContain("Exception");
    assertThat(emergencies.details(pause.id()).signedBy()).isEmpty();
  }

  @Test
  void aProposalTheRulesRefuse_isShownInTheirWords_andStartsNothing() {
    startAs("admin");
    EmergencyView view = open();
    _click(view.propose);
    ProposeEmergencyDialog dialog = _get(ProposeEmergencyDialog.class);

    _setValue(dialog.action, "QUARANTINE");
    assertThat(dialog.nodeIds.isVisible()).isTrue();
    assertThat(dialog.tiers.isVisible()).isFalse();
    _setValue(dialog.nodeIds, "no-such-node, other-node");
    _setValue(dialog.reason, "leaking keys");
    _click(_get(Button.class, spec -> spec.withId("confirm-propose-emergency")));

    assertThat(notifications()).containsExactly("unknown node(s): no-such-node, other-node");
    assertThat(count()).isZero();
  }

  @Test
  void aVeto_offersTheQueuedProposals_andProposesThePickedOne() {
    startAs("signer1");
    List<EmergencyForm> proposed = new java.util.ArrayList<>();
    VetoChoice queued = new VetoChoice("4711", "Canary 20 %", "2026-12-04T10:00:00Z");
    ProposeEmergencyDialog dialog = new ProposeEmergencyDialog(List.of(queued), proposed::add);
    dialog.open();

    _setValue(dialog.action, "VETO_PROPOSAL");
    assertThat(dialog.governanceProposal.isVisible()).isTrue();
    assertThat(dialog.tiers.isVisible()).isFalse();
    assertThat(dialog.governanceProposal.getListDataView().getItems()).containsExactly(queued);
    assertThat(dialog.governanceProposal.getItemLabelGenerator().apply(queued))
        .isEqualTo("4711: Canary 20 % (executes 2026-12-04T10:00:00Z)");
    _setValue(dialog.governanceProposal, queued);
    _setValue(dialog.reason, "rushed change");
    _click(_get(Button.class, spec -> spec.withId("confirm-propose-emergency")));

    assertThat(proposed)
        .singleElement()
        .satisfies(
            form -> {
              assertThat(form.action()).isEqualTo("VETO_PROPOSAL");
              assertThat(form.governanceProposal()).isEqualTo("4711");
              assertThat(form.tiers()).isNull();
            });
  }

  @Test
  void aVeto_whileGovernanceIsOff_isRefusedWithWhy_auditedAndStartsNothing() {
    startAs("admin");
    EmergencyView view = open();
    _click(view.propose);
    ProposeEmergencyDialog dialog = _get(ProposeEmergencyDialog.class);

    _setValue(dialog.action, "VETO_PROPOSAL");
    assertThat(dialog.governanceProposal.getListDataView().getItems())
        .as("governance is off in this console: nothing can be queued")
        .isEmpty();
    _setValue(dialog.reason, "rushed change");
    _click(_get(Button.class, spec -> spec.withId("confirm-propose-emergency")));
    assertThat(notifications())
        .containsExactly("name the governance proposal to veto by its id (decimal digits)");

    EmergencyForm veto =
        new EmergencyForm(
            "VETO_PROPOSAL", null, null, null, null, null, null, null, "rushed", null, "4711");
    assertThatThrownBy(
            () ->
                runAs(
                    "admin",
                    () ->
                        emergencies.propose(
                            veto, SecurityContextHolder.getContext().getAuthentication())))
        .isInstanceOf(EmergencyRefusedException.class)
        .hasMessageStartingWith("governance is off: ");
    assertThat(count()).isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action = 'emergency.proposal-refused'"
                    + " AND subject = 'governance-proposal-4711'",
                Integer.class))
        .isEqualTo(1);
  }

  @Test
  void theSignerInbox_listsOpenEmergencies_linkingToTheirPage() {
    EmergencyDetails pause = proposePause("admin", "ORACLE");
    startAs("signer3");
    UI.getCurrent().navigate(SignerInboxView.class);
    SignerInboxView inbox = _get(SignerInboxView.class);

    assertThat(_size(inbox.emergencies)).isEqualTo(1);
    RouterLink link = (RouterLink) _getCellComponent(inbox.emergencies, 0, "id");
    assertThat(link.getText()).isEqualTo(pause.id());
    assertThat(link.getHref()).isEqualTo("emergency/" + pause.id());

    UI.getCurrent().navigate("emergency/" + pause.id());
    EmergencyView view = _get(EmergencyView.class);
    assertThat(line(view.details, "Stage")).isEqualTo("AWAITING_SIGNATURES");
  }

  @Test
  void sre_seesEmergencies_butNoButtons() {
    EmergencyDetails pause = proposePause("admin", "ORACLE");
    startAs("sre");
    EmergencyView view = open();
    view.grid.select(_get(view.grid, 0));

    assertThat(line(view.details, "Stage")).isEqualTo("AWAITING_SIGNATURES");
    assertThat(line(view.details, "EIP-712 digest")).isEqualTo(pause.request().digest());
    _assertNone(Button.class, spec -> spec.withId("red-button"));
    _assertNone(Button.class, spec -> spec.withId("propose-emergency"));
    _assertNone(Button.class, spec -> spec.withId("emergency-submit"));
    _assertNone(Button.class, spec -> spec.withId("demo-sign-1"));
  }

  @Test
  void operators_cannotOpenIt() {
    startWithRoles("operator1", "OPERATOR");
    UI.getCurrent().navigate(EmergencyView.class);
    assertThat(_get(RouteNotFoundError.class).getElement().getOuterHTML())
        .contains("Access is denied");
  }

  private EmergencyDetails proposePause(String user, String tier) {
    return runAs(
        user,
        () ->
            emergencies.propose(
                EmergencyForm.pause(List.of(tier), "test pause"),
                SecurityContextHolder.getContext().getAuthentication()));
  }

  private static EmergencyView open() {
    UI.getCurrent().navigate(EmergencyView.class);
    NotificationsKt.clearNotifications();
    return _get(EmergencyView.class);
  }

  /** Waits until the newest emergency's row (written by its workflow) reaches {@code stage}. */
  private EmergencyRow awaitNewest(String stage) {
    return await()
        .atMost(WORKFLOW_WRITES)
        .until(
            () -> rows.list(false, 1),
            list -> list.size() == 1 && list.get(0).stage().equals(stage))
        .get(0);
  }

  private int count() {
    return jdbc.queryForObject("SELECT count(*) FROM emergencies", Integer.class);
  }
}
