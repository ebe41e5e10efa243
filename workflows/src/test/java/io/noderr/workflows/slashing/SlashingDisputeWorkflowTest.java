package io.noderr.workflows.slashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.slashing.DisputeOpening;
import io.noderr.activities.slashing.DisputeProgress;
import io.noderr.activities.slashing.DisputeTerms;
import io.noderr.activities.slashing.MultisigNonce;
import io.noderr.activities.slashing.RewardExclusionRequest;
import io.noderr.activities.slashing.SlashExecuted;
import io.noderr.activities.slashing.SlashRequest;
import io.noderr.activities.slashing.SlashingCause;
import io.noderr.activities.slashing.SlashingChainActivities;
import io.noderr.activities.slashing.SlashingFailures;
import io.noderr.activities.slashing.SlashingPlatformActivities;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.DismissSlashAction;
import io.noderr.signing.DisputeStatement;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.workflows.UpdateRefusals;
import io.noderr.workflows.slashing.VoteCommand.Verdict;
import io.noderr.workflows.testing.Idle;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.web3j.crypto.ECKeyPair;

/**
 * SlashingDisputeWorkflow on the test server's skipped clock: the operator answers with its own
 * key, the demo signers (2 of 3) vote with theirs, the appeal needs all three, and the slashing
 * executes through the (mocked) multisig. With {@code -Dnoderr.recordHistories=true} scenarios
 * write their histories for the replay test.
 */
class SlashingDisputeWorkflowTest {

  private static final String DISPUTE = "d-1";
  private static final String WORKFLOW_ID = SlashingDisputeWorkflow.workflowId(DISPUTE);
  private static final ECKeyPair OPERATOR = ECKeyPair.create(BigInteger.valueOf(777_001));
  private static final ECKeyPair STRANGER = ECKeyPair.create(BigInteger.valueOf(777_002));
  private static final String MULTISIG = "0x" + "11".repeat(20);
  private static final String STAKING = "0x" + "33".repeat(20);
  private static final MultisigDomain DOMAIN = new MultisigDomain(1337, Address.of(MULTISIG));
  private static final Duration CHALLENGE = Duration.ofHours(1);
  private static final Duration DECISION = Duration.ofHours(2);
  private static final Duration APPEAL = Duration.ofHours(1);

  private TestWorkflowEnvironment env;
  private SlashingPlatformActivities platform;
  private SlashingChainActivities chain;
  private SlashingDisputeWorkflow workflow;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    Worker worker = env.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(SlashingDisputeWorkflowImpl.class);
    platform = mock(SlashingPlatformActivities.class, withSettings().withoutAnnotations());
    chain = mock(SlashingChainActivities.class, withSettings().withoutAnnotations());
    when(platform.open(any())).thenReturn(terms());
    when(chain.multisigNonce(any())).thenReturn(new MultisigNonce("4"));
    when(chain.slash(any())).thenReturn(new SlashExecuted(DISPUTE, "0xslashed", 40));
    worker.registerActivitiesImplementations(platform, chain);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void answered_thenSlashedByTwoOfThree_withoutAppeal_executesAndExcludesTheNode()
      throws IOException {
    start();
    untilStage(DisputeStage.AWAITING_ANSWER);
    workflow.answer(statement(OPERATOR, "ANSWER", "the host lost power; fixed"));
    untilStage(DisputeStage.AWAITING_DECISION);

    workflow.vote(slash(1));
    workflow.vote(slash(3));
    untilStage(DisputeStage.APPEAL_WINDOW);
    env.sleep(APPEAL.plusMinutes(1));

    DisputeResult result = result();
    assertThat(result.stage()).isEqualTo(DisputeStage.SLASHED);
    assertThat(result.penalty()).isEqualTo("1600");
    ArgumentCaptor<SlashRequest> sent = ArgumentCaptor.forClass(SlashRequest.class);
    verify(chain).slash(sent.capture());
    assertThat(sent.getValue().amount()).isEqualTo("1600");
    assertThat(sent.getValue().signatures()).hasSize(2);
    ArgumentCaptor<RewardExclusionRequest> excluded =
        ArgumentCaptor.forClass(RewardExclusionRequest.class);
    verify(platform).excludeFromRewards(excluded.capture());
    assertThat(excluded.getValue().nodeId()).isEqualTo("node-7");
    assertThat(recordedActions())
        .containsSubsequence(
            "slashing.opened",
            "slashing.answered",
            "slashing.votes-requested",
            "slashing.voted",
            "slashing.voted",
            "slashing.decided",
            "slashing.appeal-window",
            "slashing.slashed");
    recordHistory("slashed");
  }

  @Test
  void twoDismissals_endTheDispute_withoutSlashing() throws IOException {
    start();
    env.sleep(CHALLENGE.plusMinutes(1));
    untilStage(DisputeStage.AWAITING_DECISION);

    workflow.vote(dismiss(1, "the outage was the provider's"));
    workflow.vote(dismiss(2, "agreed"));

    DisputeResult result = result();
    assertThat(result.stage()).isEqualTo(DisputeStage.DISMISSED);
    assertThat(result.reason()).contains("the outage was the provider's");
    verify(chain, never()).slash(any());
    verify(platform, never()).excludeFromRewards(any());
    recordHistory("dismissed");
  }

  @Test
  void anAppeal_isUpheldOnlyByEverySigner_oneDismissalEndsIt() throws IOException {
    start();
    env.sleep(CHALLENGE.plusMinutes(1));
    untilStage(DisputeStage.AWAITING_DECISION);
    workflow.vote(slash(1));
    workflow.vote(slash(2));
    untilStage(DisputeStage.APPEAL_WINDOW);

    workflow.appeal(statement(OPERATOR, "APPEAL", "the telemetry gap was the gateway's"));
    untilStage(DisputeStage.AWAITING_APPEAL_DECISION);
    assertThat(workflow.getState().needed()).isEqualTo(3);
    workflow.vote(slash(1));
    workflow.vote(dismiss(3, "the gateway logs confirm it"));

    assertThat(result().stage()).isEqualTo(DisputeStage.DISMISSED);
    verify(chain, never()).slash(any());
    recordHistory("appeal-dismissed");
  }

  @Test
  void anAppealUpheldByEverySigner_slashes() {
    start();
    env.sleep(CHALLENGE.plusMinutes(1));
    untilStage(DisputeStage.AWAITING_DECISION);
    workflow.vote(slash(1));
    workflow.vote(slash(2));
    untilStage(DisputeStage.APPEAL_WINDOW);
    workflow.appeal(statement(OPERATOR, "APPEAL", "please reconsider"));
    untilStage(DisputeStage.AWAITING_APPEAL_DECISION);

    workflow.vote(slash(1));
    workflow.vote(slash(2));
    workflow.vote(slash(3));

    assertThat(result().stage()).isEqualTo(DisputeStage.SLASHED);
  }

  @Test
  void noDecisionBeforeTheDeadline_expires_andSlashesNothing() throws IOException {
    start();
    env.sleep(CHALLENGE.plusMinutes(1));
    untilStage(DisputeStage.AWAITING_DECISION);
    workflow.vote(slash(1));

    env.sleep(DECISION.plusMinutes(1));

    assertThat(result().stage()).isEqualTo(DisputeStage.EXPIRED);
    verify(chain, never()).slash(any());
    recordHistory("expired");
  }

  @Test
  void submissionsThatCannotCount_areRefusedWithTheReason_andChangeNothing() {
    start();
    untilStage(DisputeStage.AWAITING_ANSWER);

    assertRefused(
        () -> workflow.answer(statement(STRANGER, "ANSWER", "not me")),
        "is signed by " + Signatures.addressOf(STRANGER).checksummed() + ", not by the operator");
    assertRefused(
        () -> workflow.appeal(statement(OPERATOR, "APPEAL", "too early")),
        "can no longer be appealed");
    StatementCommand appealSignedAsAnswer =
        new StatementCommand(
            operator(),
            "text",
            sign(new DisputeStatement(DISPUTE, "APPEAL", "text"), OPERATOR),
            "op");
    assertRefused(() -> workflow.answer(appealSignedAsAnswer), "not by the operator");
    assertRefused(() -> workflow.vote(slashWith(1)), "not taking votes");

    env.sleep(CHALLENGE.plusMinutes(1));
    untilStage(DisputeStage.AWAITING_DECISION);
    assertRefused(
        () -> workflow.answer(statement(OPERATOR, "ANSWER", "late")), "can no longer be answered");
    workflow.vote(slash(1));
    assertRefused(() -> workflow.vote(slash(1)), "already voted in this round");
    assertRefused(
        () ->
            workflow.vote(
                new VoteCommand(
                    Signatures.addressOf(STRANGER).value(),
                    Verdict.SLASH,
                    null,
                    sign(STRANGER),
                    "x")),
        "is not in the multisig's signer set");
    assertRefused(
        () ->
            workflow.vote(
                new VoteCommand(address(2), Verdict.SLASH, null, sign(DemoSigners.key(3)), "x")),
        "the signature is not " + address(2));

    assertThat(workflow.getState().slashVotes()).hasSize(1);
    assertThat(workflow.getState().stage()).isEqualTo(DisputeStage.AWAITING_DECISION);
  }

  @Test
  void multisigNonceMovedAfterTheDecision_signersSignAgain_thenItExecutes() {
    // The decision round is signed over nonce 4; a reward root moves it to 5 before execution.
    when(chain.multisigNonce(any())).thenReturn(new MultisigNonce("4"), new MultisigNonce("5"));
    start();
    env.sleep(CHALLENGE.plusMinutes(1));
    untilStage(DisputeStage.AWAITING_DECISION);
    workflow.vote(slash(1));
    workflow.vote(slash(2));
    env.sleep(APPEAL.plusMinutes(1));
    untilStage(DisputeStage.AWAITING_RESIGNATURES);

    assertThat(workflow.getState().nonce()).isEqualTo("5");
    assertRefused(() -> workflow.vote(dismiss(3, "changed my mind")), "only collects signatures");
    workflow.vote(slash(2));
    workflow.vote(slash(3));

    assertThat(result().stage()).isEqualTo(DisputeStage.SLASHED);
    ArgumentCaptor<SlashRequest> sent = ArgumentCaptor.forClass(SlashRequest.class);
    verify(chain).slash(sent.capture());
    assertThat(sent.getValue().nonce()).isEqualTo("5");
  }

  @Test
  void aNodeWithoutOperatorAddress_isNotSlashable() {
    when(platform.open(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "node node-7's operator has no address", SlashingFailures.NOT_SLASHABLE));
    start();

    DisputeResult result = result();

    assertThat(result.stage()).isEqualTo(DisputeStage.NOT_SLASHABLE);
    assertThat(result.reason()).isEqualTo("node node-7's operator has no address");
  }

  private void start() {
    workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                SlashingDisputeWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WORKFLOW_ID)
                    .setTaskQueue(TaskQueues.PLATFORM)
                    .build());
    WorkflowClient.start(
        workflow::run,
        new DisputeOpening(
            DISPUTE,
            "node-7",
            SlashingCause.SUSTAINED_DOWNTIME,
            "down 26 h of 24 h allowed",
            "system"));
  }

  private static DisputeTerms terms() {
    return new DisputeTerms(
        operator(),
        "10000",
        1337,
        MULTISIG,
        STAKING,
        DemoSigners.addresses().stream().sorted().map(Address::value).toList(),
        2,
        CHALLENGE.toSeconds(),
        DECISION.toSeconds(),
        APPEAL.toSeconds(),
        100,
        5_000,
        6,
        100);
  }

  private void untilStage(DisputeStage stage) {
    until(() -> workflow.getState().stage() == stage, "stage " + stage);
  }

  private void until(Supplier<Boolean> condition, String what) {
    for (int i = 0; i < 600; i++) {
      if (condition.get()) {
        return;
      }
      env.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("never reached " + what + "; state " + workflow.getState());
  }

  private DisputeResult result() {
    return WorkflowStub.fromTyped(workflow).getResult(DisputeResult.class);
  }

  private StatementCommand statement(ECKeyPair key, String kind, String text) {
    return new StatementCommand(
        operator(), text, sign(new DisputeStatement(DISPUTE, kind, text), key), "operator");
  }

  private VoteCommand slash(int signer) {
    return new VoteCommand(
        address(signer), Verdict.SLASH, null, sign(DemoSigners.key(signer)), "signer" + signer);
  }

  /** A SLASH vote before any round exists: signed over nothing in particular. */
  private VoteCommand slashWith(int signer) {
    return new VoteCommand(
        address(signer),
        Verdict.SLASH,
        null,
        Signatures.sign(new byte[32], DemoSigners.key(signer)),
        "s");
  }

  private VoteCommand dismiss(int signer, String reason) {
    byte[] slashDigest = digest();
    String signature =
        Signatures.sign(
            new DismissSlashAction(slashDigest, reason).digest(DOMAIN), DemoSigners.key(signer));
    return new VoteCommand(address(signer), Verdict.DISMISS, reason, signature, "signer" + signer);
  }

  private String sign(ECKeyPair key) {
    return Signatures.sign(digest(), key);
  }

  private static String sign(DisputeStatement statement, ECKeyPair key) {
    return Signatures.sign(statement.digest(DOMAIN), key);
  }

  private byte[] digest() {
    return HexFormat.of().parseHex(workflow.getState().slashDigest().substring(2));
  }

  private static String operator() {
    return Signatures.addressOf(OPERATOR).value();
  }

  private static String address(int signer) {
    return Signatures.addressOf(DemoSigners.key(signer)).checksummed();
  }

  private void assertRefused(Runnable update, String reason) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowException.class)
        .satisfies(e -> assertThat(UpdateRefusals.reason((WorkflowException) e)).contains(reason));
  }

  private List<String> recordedActions() {
    Idle.await(env.getWorkflowClient(), WORKFLOW_ID);
    ArgumentCaptor<DisputeProgress> steps = ArgumentCaptor.forClass(DisputeProgress.class);
    verify(platform, atLeastOnce()).recordProgress(steps.capture());
    return steps.getAllValues().stream().map(p -> p.audit().action()).toList();
  }

  private void recordHistory(String scenario) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    Path file = Path.of("src/test/resources/histories/slashing-dispute", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, env.getWorkflowClient().fetchHistory(WORKFLOW_ID).toJson(true));
  }
}
