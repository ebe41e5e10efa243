package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.TestingLifecycleHookKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import elemental.json.Json;
import elemental.json.JsonValue;
import io.noderr.console.GovernanceChain;
import io.noderr.console.governance.GovernanceService;
import io.noderr.console.governance.GovernanceViews.Parameter;
import io.noderr.console.governance.GovernanceViews.Proposal;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.devchain.StakedOperators;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.signing.Address;
import io.noderr.signing.ProposalIds;
import io.noderr.signing.Signatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import kotlin.Unit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * Voting in the operator portal on a real dev chain (ganache) with the governance follower and the
 * ProposalWorkflow: an operator login signs the ballot the Governance view shows (here with the
 * demo operator's key over the view's typed data, as a wallet would) and pastes the signature; the
 * platform relays it and the vote counts. Another key's signature is refused with the reason and
 * nothing reaches the chain. The wallet button hands the browser's wallet exactly the shown ballot
 * and fills in what it signs (Karibu runs no JavaScript: the test answers the call as a wallet
 * would; the app's browser test drives a real page). Admins and signers get no vote area. The
 * server signs nothing.
 */
@Import(GovernanceChain.On.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class GovernanceVoteViewIT extends AbstractKaribuIT {

  private static final ECKeyPair OPERATOR_KEY = DemoOperators.key(1);
  private static final Address OPERATOR = DemoOperators.addresses().get(0);
  private static final String OPERATOR_ID = OPERATOR.value().toLowerCase(Locale.ROOT);
  private static final String DESCRIPTION = "Portal vote: canary 15 % for new rollouts";

  private static GovernanceChain governanceChain;
  private static DevChain chain;
  private static DemoGovernance governance;
  private static String proposalId;

  @Autowired GovernanceProposals proposals;
  @Autowired GovernanceService governanceService;

  @DynamicPropertySource
  static void chainProperties(DynamicPropertyRegistry registry) throws Exception {
    // The dev chain's own settings: they mint the demo operators' stake tokens.
    governanceChain = GovernanceChain.start(registry, null);
    chain = governanceChain.chain();
    governance = governanceChain.governance();
  }

  @AfterAll
  static void stopChain() {
    governanceChain.close();
  }

  /**
   * Once: demo operator 1 (approved application, so its signing address is its voting address)
   * stakes 5,000 NODR and proposes; the proposal is followed to ACTIVE.
   */
  @BeforeEach
  void anActiveProposal() throws Exception {
    if (proposalId != null) {
      return;
    }
    jdbc.update(
        "INSERT INTO node_applications (id, operator_name, contact, tier, region,"
            + " signing_address, status) VALUES ('portal-vote-app', 'Portal Voter', 'pv@example.org',"
            + " 'ALL', 'eu', ?, 'APPROVED') ON CONFLICT DO NOTHING",
        OPERATOR.checksummed());
    StakedOperators operators = new StakedOperators(chain, governance);
    operators.stake(OPERATOR_KEY, GovernanceSettings.nodr(5_000));
    chain.advanceTime(Duration.ofSeconds(2));
    String calldata =
        NoderrParameters.load(
                governance.parameters().value(), chain.web3j(), chain.transactions(), DevChain.GAS)
            .setParameter("rollout.canaryPercent", BigInteger.valueOf(15))
            .encodeFunctionCall();
    String id =
        ProposalIds.of(
                List.of(governance.parameters()),
                List.of(BigInteger.ZERO),
                List.of(calldata),
                DESCRIPTION)
            .toString();
    operators
        .governor(OPERATOR_KEY)
        .propose(
            List.of(governance.parameters().value()),
            List.of(BigInteger.ZERO),
            List.of(Numeric.hexStringToByteArray(calldata)),
            DESCRIPTION)
        .send();
    awaitState(id, "PENDING");
    chain.advanceTime(GovernanceSettings.devDefaults().votingDelay().plusSeconds(1));
    GovernanceChain.wake(temporal, id);
    awaitState(id, "ACTIVE");
    proposalId = id;
  }

  @Test
  void anotherKeysSignature_isRefusedWithTheReason_thenTheOperatorsOwnIsRelayedAndCounted()
      throws Exception {
    startAsOperator("portal-voter", OPERATOR_ID);
    selectTheProposal();
    _get(VerticalLayout.class, spec -> spec.withId("ballot-area"));
    assertThat(typedData())
        .contains("\"primaryType\" : \"Ballot\"")
        .contains("\"voter\" : \"" + OPERATOR.checksummed() + "\"")
        .contains("\"support\" : 1");
    @SuppressWarnings("unchecked")
    RadioButtonGroup<String> support = _get(RadioButtonGroup.class);
    _setValue(support, "AGAINST");
    assertThat(typedData()).contains("\"support\" : 0");
    _setValue(support, "FOR");
    byte[] shown = new StructuredDataEncoder(typedData()).hashStructuredData();

    paste(Signatures.sign(shown, DemoOperators.key(2)));
    assertThat(result())
        .startsWith("refused: ")
        .contains("signature does not match voter " + OPERATOR.checksummed());
    assertThat(hasVotedOnChain()).isFalse();
    assertThat(proposals.votes(proposalId)).isEmpty();

    paste(Signatures.sign(shown, OPERATOR_KEY));
    assertThat(result())
        .matches("vote FOR counted with weight 5000 NODR \\(transaction 0x[0-9a-f]{64}\\)");
    assertThat(hasVotedOnChain()).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(proposals.votes(proposalId))
                    .singleElement()
                    .satisfies(
                        vote -> {
                          assertThat(vote.voter()).isEqualTo(OPERATOR_ID);
                          assertThat(vote.support()).isEqualTo("FOR");
                          assertThat(vote.weight()).isEqualTo(GovernanceSettings.nodr(5_000));
                        }));
  }

  @Test
  void theWalletButton_asksTheBrowserWalletToSignTheShownBallot_orSaysThereIsNoWallet()
      throws Exception {
    startAsOperator("portal-voter", OPERATOR_ID);
    selectTheProposal();
    byte[] shown = new StructuredDataEncoder(typedData()).hashStructuredData();
    List<List<Object>> walletCalls = new ArrayList<>();

    // A browser whose wallet signs with the operator's key what it is handed, as a wallet would.
    answerWalletCalls(
        walletCalls,
        parameters -> Json.create(Signatures.sign(hashOfTypedDataIn(parameters), OPERATOR_KEY)));
    _click(_get(Button.class, spec -> spec.withId("ballot-sign-wallet")));
    MockVaadin.clientRoundtrip();

    assertThat(walletCalls).singleElement().asList().contains(OPERATOR_ID);
    assertThat(hashOfTypedDataIn(walletCalls.getFirst())).isEqualTo(shown);
    assertThat(_get(TextField.class, spec -> spec.withId("ballot-signature")).getValue())
        .isEqualTo(Signatures.sign(shown, OPERATOR_KEY));
    assertThat(result()).startsWith("signed in your wallet");

    // A browser without window.ethereum: the call answers null.
    answerWalletCalls(walletCalls, parameters -> Json.createNull());
    _click(_get(Button.class, spec -> spec.withId("ballot-sign-wallet")));
    MockVaadin.clientRoundtrip();
    assertThat(result()).isEqualTo(WalletSigning.NO_WALLET);
  }

  @Test
  void anOperatorProposes_signingThePreparedTypedData_andThePlatformSubmitsItToTheGovernor()
      throws Exception {
    startAsOperator("portal-voter", OPERATOR_ID);
    UI.getCurrent().navigate(GovernanceView.class);
    @SuppressWarnings("unchecked")
    ComboBox<Parameter> parameter = _get(ComboBox.class, spec -> spec.withId("proposal-parameter"));
    _setValue(
        parameter,
        parameter
            .getListDataView()
            .getItems()
            .filter(p -> p.name().equals("rollout.canaryPercent"))
            .findFirst()
            .orElseThrow());
    TextField value = _get(TextField.class, spec -> spec.withId("proposal-value"));
    _setValue(value, "90");
    _setValue(
        _get(TextArea.class, spec -> spec.withId("proposal-description")),
        "Portal proposal: canary 20 % for new rollouts");
    Button prepare = _get(Button.class, spec -> spec.withId("proposal-prepare"));

    _click(prepare);
    assertThat(proposalResult())
        .isEqualTo("refused: rollout.canaryPercent must be within [1, 50], got 90");
    _assertNone(Pre.class, spec -> spec.withId("proposal-typed-data"));

    _setValue(value, "20");
    _click(prepare);
    String typed = _get(Pre.class, spec -> spec.withId("proposal-typed-data")).getText();
    assertThat(typed)
        .contains("\"primaryType\" : \"ProposeBySig\"")
        .contains("\"proposer\" : \"" + OPERATOR.checksummed() + "\"");
    byte[] shown = new StructuredDataEncoder(typed).hashStructuredData();
    _setValue(
        _get(TextField.class, spec -> spec.withId("proposal-signature")),
        Signatures.sign(shown, OPERATOR_KEY));
    _click(_get(Button.class, spec -> spec.withId("proposal-submit")));

    assertThat(proposalResult()).matches("proposal \\d+ submitted \\(proposal-\\d+\\).*");
    String submitted = proposalResult().replaceAll("^proposal (\\d+) submitted.*$", "$1");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(proposals.find(submitted))
                    .as("the governor created it and the follower recorded it")
                    .hasValueSatisfying(row -> assertThat(row.proposer()).isEqualTo(OPERATOR_ID)));
  }

  @Test
  void preparingAProposal_isRefusedToSresAndSigners() {
    for (String login : List.of("sre", "signer1")) {
      startAs(login);
      assertThatThrownBy(
              () ->
                  governanceService.proposalToSign(
                      OPERATOR.value(), "rollout.canaryPercent", "20", "not theirs to propose"))
          .as(login)
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void adminsSignersAndOperatorsWithoutAnApprovedApplication_getNoVoteArea() {
    startAs("admin");
    selectTheProposal();
    _assertNone(VerticalLayout.class, spec -> spec.withId("ballot-area"));
    _get(Span.class, spec -> spec.withId("governance-vote-command"));

    startAs("signer1");
    selectTheProposal();
    _assertNone(VerticalLayout.class, spec -> spec.withId("ballot-area"));
    _assertNone(TextField.class, spec -> spec.withId("ballot-signature"));
    _assertNone(VerticalLayout.class, spec -> spec.withId("proposal-area"));

    // An operator whose id is no approved application's address has no address to vote with.
    startAsOperator("aurora-ops", "op-aurora");
    selectTheProposal();
    _assertNone(VerticalLayout.class, spec -> spec.withId("ballot-area"));
    _get(Span.class, spec -> spec.withId("governance-vote-command"));
  }

  private static String proposalResult() {
    return _get(Span.class, spec -> spec.withId("proposal-result")).getText();
  }

  private void selectTheProposal() {
    UI.getCurrent().navigate(GovernanceView.class);
    @SuppressWarnings("unchecked")
    Grid<Proposal> grid = _get(Grid.class, spec -> spec.withId("governance-proposals"));
    Proposal active =
        IntStream.range(0, _size(grid))
            .mapToObj(i -> _get(grid, i))
            .filter(p -> p.proposalId().equals(proposalId))
            .findFirst()
            .orElseThrow();
    grid.asSingleSelect().setValue(active);
  }

  /**
   * Karibu runs no JavaScript: the browser's side of each eth_signTypedData_v4 call is {@code
   * wallet}, given the call's parameters (recorded in {@code calls}).
   */
  private void answerWalletCalls(
      List<List<Object>> calls, Function<List<Object>, JsonValue> wallet) {
    TestingLifecycleHookKt.setPendingJavascriptInvocationHandlers(
        List.of(
            invocation -> {
              if (invocation.getInvocation().getExpression().contains("eth_signTypedData_v4")) {
                List<Object> parameters = invocation.getInvocation().getParameters();
                calls.add(parameters);
                invocation.complete(wallet.apply(parameters));
              }
              return Unit.INSTANCE;
            }));
  }

  @AfterEach
  void noWalletCallHandlers() {
    TestingLifecycleHookKt.setPendingJavascriptInvocationHandlers(new ArrayList<>());
  }

  /** The EIP-712 hash of the typed data JSON among a wallet call's parameters. */
  private static byte[] hashOfTypedDataIn(List<Object> parameters) {
    String json =
        parameters.stream()
            .filter(p -> p instanceof String text && text.startsWith("{"))
            .map(String.class::cast)
            .findFirst()
            .orElseThrow();
    try {
      return new StructuredDataEncoder(json).hashStructuredData();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void paste(String signature) {
    _setValue(_get(TextField.class, spec -> spec.withId("ballot-signature")), signature);
    _click(_get(Button.class, spec -> spec.withId("ballot-relay")));
  }

  private static String typedData() {
    return _get(Pre.class, spec -> spec.withId("ballot-typed-data")).getText();
  }

  private static String result() {
    return _get(Span.class, spec -> spec.withId("ballot-result")).getText();
  }

  private boolean hasVotedOnChain() throws Exception {
    return new StakedOperators(chain, governance)
        .governor(OPERATOR_KEY)
        .hasVoted(new BigInteger(proposalId), OPERATOR.value())
        .send();
  }

  private void awaitState(String id, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> proposals.find(id).map(ProposalRow::state).map(Enum::name).orElse(""),
            state::equals);
  }
}
