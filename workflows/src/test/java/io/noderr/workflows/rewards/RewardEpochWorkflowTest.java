package io.noderr.workflows.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.rewards.ClawedBack;
import io.noderr.activities.rewards.DistributorState;
import io.noderr.activities.rewards.EpochComputation;
import io.noderr.activities.rewards.EpochSchedule;
import io.noderr.activities.rewards.FeesSwept;
import io.noderr.activities.rewards.GatherRequest;
import io.noderr.activities.rewards.GatheredInputs;
import io.noderr.activities.rewards.PublishRootRequest;
import io.noderr.activities.rewards.RewardChainActivities;
import io.noderr.activities.rewards.RewardEpochProgress;
import io.noderr.activities.rewards.RewardFailures;
import io.noderr.activities.rewards.RewardPlatformActivities;
import io.noderr.activities.rewards.RootPublished;
import io.noderr.activities.rewards.RootStatus;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.Signatures;
import io.noderr.workflows.UpdateRefusals;
import io.noderr.workflows.testing.Idle;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
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
 * RewardEpochWorkflow on the test server's skipped clock, its activities mocked: an epoch closes,
 * is computed, signed by two of the three demo signers with real keys, published, waits out the
 * pending delay and continues as the next epoch with the remainder. With {@code
 * -Dnoderr.recordHistories=true} scenarios write the first run's history for the replay test.
 */
class RewardEpochWorkflowTest {

  private static final long EPOCH_SECONDS = 60;
  private static final long PENDING_SECONDS = 120;
  private static final String ROOT = "0x" + "ab".repeat(32);
  private static final String MULTISIG = "0x" + "11".repeat(20);
  private static final String DISTRIBUTOR = "0x" + "22".repeat(20);
  private static final List<String> SIGNERS =
      DemoSigners.addresses().stream().sorted().map(Address::value).toList();

  private TestWorkflowEnvironment env;
  private RewardPlatformActivities platform;
  private RewardChainActivities chain;
  private RewardEpochWorkflow workflow;
  private WorkflowExecution firstRun;
  private long startedAt;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    Worker worker = env.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(RewardEpochWorkflowImpl.class);
    platform = mock(RewardPlatformActivities.class, withSettings().withoutAnnotations());
    chain = mock(RewardChainActivities.class, withSettings().withoutAnnotations());
    when(platform.schedule(any())).thenReturn(new EpochSchedule(EPOCH_SECONDS, "1000", 1));
    when(chain.sweepFees(any())).thenReturn(new FeesSwept(1, "200", "86", "0xsweep"));
    when(platform.gatherInputs(any()))
        .thenReturn(new GatheredInputs(1, 6, 4, 1, "1203", "0xinputs"));
    when(platform.computePayouts(any())).thenReturn(computation("1202", "1"));
    when(chain.readDistributor(any())).thenReturn(distributor("7"));
    when(chain.publishRoot(any())).thenAnswer(invocation -> published());
    when(chain.rootStatus(any())).thenReturn(status(RootStatus.State.CLAIMABLE));
    when(chain.clawbackExpired(any())).thenReturn(new ClawedBack(List.of(), "0"));
    worker.registerActivitiesImplementations(platform, chain);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void epoch_isComputedSignedPublished_andContinuesWithTheRemainder() throws IOException {
    start("3");
    untilStage(RewardEpochStage.AWAITING_SIGNATURES);

    RootSignatureAccepted first = workflow.sign(signed(1));
    RootSignatureAccepted second = workflow.sign(signed(2));

    assertThat(first.signatures()).isEqualTo(1);
    assertThat(second.signatures()).isEqualTo(2);
    untilStage(RewardEpochStage.PENDING);
    env.sleep(Duration.ofSeconds(PENDING_SECONDS + 30));
    untilNextEpoch();
    RewardEpochState next = workflow.getState();
    assertThat(next.carriedIn()).isEqualTo("1");
    assertThat(next.startMillis()).isEqualTo(startedAt + EPOCH_SECONDS * 1000);
    ArgumentCaptor<GatherRequest> gathered = ArgumentCaptor.forClass(GatherRequest.class);
    verify(platform, atLeastOnce()).gatherInputs(gathered.capture());
    assertThat(gathered.getAllValues().getFirst().fees()).isEqualTo("200");
    assertThat(gathered.getAllValues().getFirst().carried()).isEqualTo("3");
    ArgumentCaptor<PublishRootRequest> publication =
        ArgumentCaptor.forClass(PublishRootRequest.class);
    verify(chain).publishRoot(publication.capture());
    assertThat(publication.getValue().nonce()).isEqualTo("7");
    assertThat(publication.getValue().signatures()).hasSize(2);
    assertThat(publication.getValue().total()).isEqualTo("1202");
    assertThat(recordedActions())
        .containsSubsequence(
            "rewards.epoch-opened",
            "rewards.computed",
            "rewards.signatures-requested",
            "rewards.signed",
            "rewards.signed",
            "rewards.published",
            "rewards.claimable");
    recordHistory("claimable");
  }

  @Test
  void theDigestSignersSign_isThePublishRewardRootActionOfThisEpoch() {
    start("3");
    untilStage(RewardEpochStage.AWAITING_SIGNATURES);
    RewardEpochState state = workflow.getState();

    PublishRewardRootAction action =
        new PublishRewardRootAction(
            Address.of(DISTRIBUTOR),
            1,
            HexFormat.of().parseHex(ROOT.substring(2)),
            BigInteger.valueOf(1202),
            BigInteger.valueOf(7),
            state.signingDeadline());

    assertThat(state.digest())
        .isEqualTo(
            "0x"
                + HexFormat.of()
                    .formatHex(action.digest(new MultisigDomain(1337, Address.of(MULTISIG)))));
    assertThat(state.signingDeadline() * 1000 - state.endMillis())
        .isGreaterThanOrEqualTo(RewardEpochWorkflowImpl.MIN_SIGNING_WINDOW.toMillis() - 1000);
  }

  @Test
  void nothingToPay_carriesThePool_withoutAskingTheSigners() throws IOException {
    when(platform.computePayouts(any())).thenReturn(computation("0", "1203"));
    start("3");

    untilNextEpoch();

    assertThat(workflow.getState().carriedIn()).isEqualTo("1203");
    verify(chain, never()).readDistributor(any());
    assertThat(recordedActions()).contains("rewards.nothing-to-pay");
    recordHistory("nothing-to-pay");
  }

  @Test
  void signatures_thatCannotCount_areRefusedWithTheReason_andChangeNothing() {
    start("3");
    untilStage(RewardEpochStage.AWAITING_SIGNATURES);
    workflow.sign(signed(1));

    assertRefused(
        new RootSignCommand(2, address(2), signature(2), "signer2"),
        "this is epoch 1; the signature is meant for epoch 2");
    assertRefused(signed(1), address(1) + " already signed epoch 1's root");
    ECKeyPair outsider = ECKeyPair.create(BigInteger.valueOf(424242));
    assertRefused(
        new RootSignCommand(1, Signatures.addressOf(outsider).value(), sign(outsider), "x"),
        Signatures.addressOf(outsider).checksummed() + " is not in the multisig's signer set");
    assertRefused(
        new RootSignCommand(1, address(2), signature(3), "signer2"),
        "the signature is not " + address(2) + "'s over epoch 1's root");
    assertRefused(new RootSignCommand(1, address(2), "0x1234", "signer2"), "malformed signature");

    assertThat(workflow.getState().signed()).containsExactly(Address.of(address(1)).value());
    assertThat(workflow.getState().stage()).isEqualTo(RewardEpochStage.AWAITING_SIGNATURES);
  }

  @Test
  void signingWindow_closingBelowTheThreshold_expiresTheRoot_andCarriesThePool()
      throws IOException {
    start("3");
    untilStage(RewardEpochStage.AWAITING_SIGNATURES);
    workflow.sign(signed(3));

    env.sleep(RewardEpochWorkflowImpl.MIN_SIGNING_WINDOW.plusMinutes(1));
    untilNextEpoch();

    assertThat(workflow.getState().carriedIn()).isEqualTo("1203");
    verify(chain, never()).publishRoot(any());
    assertThat(recordedActions()).contains("rewards.expired");
    recordHistory("expired");
  }

  @Test
  void rootCancelledInItsPendingDelay_carriesThePool() throws IOException {
    when(chain.rootStatus(any())).thenReturn(status(RootStatus.State.CANCELLED));
    start("3");
    untilStage(RewardEpochStage.AWAITING_SIGNATURES);
    workflow.sign(signed(1));
    workflow.sign(signed(2));

    untilStage(RewardEpochStage.PENDING);
    env.sleep(Duration.ofSeconds(PENDING_SECONDS + 30));
    untilNextEpoch();

    assertThat(workflow.getState().carriedIn()).isEqualTo("1203");
    assertThat(recordedActions()).contains("rewards.cancelled");
    recordHistory("cancelled");
  }

  @Test
  void multisigNonceMoved_beforePublication_asksTheSignersAgain() {
    when(chain.publishRoot(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "NotASigner(0x...)", RewardFailures.PUBLISH_REFUSED))
        .thenAnswer(invocation -> published());
    when(chain.readDistributor(any())).thenReturn(distributor("7"), distributor("8"));
    start("3");
    untilStage(RewardEpochStage.AWAITING_SIGNATURES);
    workflow.sign(signed(1));
    workflow.sign(signed(2));

    untilNonce("8");
    workflow.sign(signed(1));
    workflow.sign(signed(3));

    untilStage(RewardEpochStage.PENDING);
    verify(chain, times(2)).publishRoot(any());
    assertThat(recordedActions()).contains("rewards.signatures-void");
  }

  private void start(String carried) {
    workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                RewardEpochWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(RewardEpochWorkflow.WORKFLOW_ID)
                    .setTaskQueue(TaskQueues.PLATFORM)
                    .build());
    startedAt = env.currentTimeMillis();
    firstRun = WorkflowClient.start(workflow::run, new RewardEpochInput(1, startedAt, carried));
  }

  private void untilStage(RewardEpochStage stage) {
    until(() -> workflow.getState().stage() == stage, "stage " + stage);
  }

  private void untilNonce(String nonce) {
    until(
        () ->
            nonce.equals(workflow.getState().nonce())
                && workflow.getState().stage() == RewardEpochStage.AWAITING_SIGNATURES,
        "nonce " + nonce);
  }

  private void untilNextEpoch() {
    until(() -> workflow.getState().epoch() == 2, "the next epoch");
  }

  /** Skips the test server's clock a second at a time until the condition holds. */
  private void until(Supplier<Boolean> condition, String what) {
    for (int i = 0; i < 600; i++) {
      if (condition.get()) {
        return;
      }
      env.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("never reached " + what + "; state " + workflow.getState());
  }

  private RootSignCommand signed(int signer) {
    return new RootSignCommand(1, address(signer), signature(signer), "signer" + signer);
  }

  private String signature(int signer) {
    return sign(DemoSigners.key(signer));
  }

  private String sign(ECKeyPair key) {
    String digest = workflow.getState().digest();
    return Signatures.sign(HexFormat.of().parseHex(digest.substring(2)), key);
  }

  private static String address(int signer) {
    return Signatures.addressOf(DemoSigners.key(signer)).checksummed();
  }

  private void assertRefused(RootSignCommand command, String reason) {
    assertThatThrownBy(() -> workflow.sign(command))
        .isInstanceOf(WorkflowException.class)
        .satisfies(e -> assertThat(UpdateRefusals.reason((WorkflowException) e)).contains(reason));
  }

  private List<String> recordedActions() {
    Idle.await(env.getWorkflowClient(), RewardEpochWorkflow.WORKFLOW_ID);
    ArgumentCaptor<RewardEpochProgress> steps = ArgumentCaptor.forClass(RewardEpochProgress.class);
    verify(platform, atLeastOnce()).recordProgress(steps.capture());
    return steps.getAllValues().stream().map(p -> p.audit().action()).toList();
  }

  private RootPublished published() {
    long now = env.currentTimeMillis() / 1000;
    return new RootPublished(
        1, "0xpublished", 12, now + PENDING_SECONDS, now + PENDING_SECONDS + 3600);
  }

  private static EpochComputation computation(String paid, String remainder) {
    return new EpochComputation(
        1,
        1,
        "1203",
        paid,
        remainder,
        paid.equals("0") ? 0 : 3,
        paid.equals("0") ? null : ROOT,
        "0xpayouts");
  }

  private static DistributorState distributor(String nonce) {
    return new DistributorState(
        1337, MULTISIG, DISTRIBUTOR, nonce, SIGNERS, 2, 0, PENDING_SECONDS, 3600);
  }

  private static RootStatus status(RootStatus.State state) {
    return new RootStatus(1, state, ROOT, "0");
  }

  private void recordHistory(String scenario) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    Path file = Path.of("src/test/resources/histories/reward-epoch", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        env.getWorkflowClient()
            .fetchHistory(RewardEpochWorkflow.WORKFLOW_ID, firstRun.getRunId())
            .toJson(true));
  }
}
