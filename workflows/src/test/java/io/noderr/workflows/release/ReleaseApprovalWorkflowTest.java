package io.noderr.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.BeaconState.Backend;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.CurrentRelease;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.PublishedEvent;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.activities.release.ReleaseProgress;
import io.noderr.activities.release.ReleaseRecorded;
import io.noderr.signing.Address;
import io.noderr.signing.DeclineAction;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Signatures;
import io.noderr.workflows.release.ReleaseState.CollectedSignature;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.noderr.workflows.testing.Idle;
import io.noderr.workflows.testing.TestEnvironments;
import io.noderr.workflows.testing.Visibility;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.web3j.crypto.ECKeyPair;

/**
 * The release workflow on a time-skipping test server, its beacon activities mocked and the
 * signatures real (the demo signers' keys over the real EIP-712 digest). A validator refusal must
 * reach the signer as {@link WorkflowUpdateException} and leave no trace in history. With {@code
 * -Dnoderr.recordHistories=true} scenarios that call {@link #recordHistory} write their history to
 * {@code src/test/resources/histories/release} for the replay test.
 */
class ReleaseApprovalWorkflowTest {

  private static final String MULTISIG = "0x5b1869d9a4c187f2eaa108f3062412ecf0526b24";
  private static final MultisigDomain DOMAIN = new MultisigDomain(1337, Address.of(MULTISIG));
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String VERSION = "1.5.0";
  private static final String WORKFLOW_ID =
      ReleaseApprovalWorkflow.workflowId(BeaconTier.ORACLE, VERSION);
  private static final ECKeyPair SIGNER_1 = DemoSigners.key(1);
  private static final ECKeyPair SIGNER_2 = DemoSigners.key(2);
  private static final ECKeyPair SIGNER_3 = DemoSigners.key(3);
  private static final ECKeyPair OUTSIDER = ECKeyPair.create(BigInteger.valueOf(0xBAD));
  private static final BigInteger NONCE = BigInteger.valueOf(4);

  private TestWorkflowEnvironment env;
  private ReleaseActivities beacon;
  private long deadline;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    Worker platform = env.newWorker(TaskQueues.PLATFORM);
    platform.registerWorkflowImplementationTypes(ReleaseApprovalWorkflowImpl.class);
    beacon = mock(ReleaseActivities.class, withSettings().withoutAnnotations());
    when(beacon.readBeacon(any())).thenReturn(beaconWith("1.4.0", false));
    when(beacon.publish(any()))
        .thenAnswer(
            call -> {
              PublishRequest r = call.getArgument(0);
              return new PublishReceipt(
                  r.releaseId(), r.tier(), r.version(), r.imageDigest(), "0xfeed", 42);
            });
    when(beacon.awaitPublished(any()))
        .thenAnswer(
            call -> {
              PublishReceipt r = call.getArgument(0);
              return new PublishedEvent(
                  r.tier(), r.version(), r.imageDigest(), r.transactionHash(), 42, 1_800_000_000);
            });
    when(beacon.record(any()))
        .thenAnswer(
            call -> new ReleaseRecorded(((ReleaseProgress) call.getArgument(0)).releaseId(), true));
    platform.registerActivitiesImplementations(beacon);
    env.start();
    deadline = env.currentTimeMillis() / 1000 + Duration.ofDays(3).toSeconds();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  // --- the happy path -------------------------------------------------------------------------

  @Test
  void publishes_whenTwoOfThreeSignersSign_withSignaturesSortedBySigner() throws IOException {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);

    SignatureAccepted first = workflow.sign(signed(SIGNER_3));
    SignatureAccepted second = workflow.sign(signed(SIGNER_1));

    assertThat(first).isEqualTo(new SignatureAccepted(ReleaseStage.AWAITING_SIGNATURES, 1, 0, 2));
    assertThat(second.stage()).isEqualTo(ReleaseStage.PUBLISHING);
    ReleaseResult result = result();
    assertThat(result.stage()).isEqualTo(ReleaseStage.PUBLISHED);
    assertThat(result.transactionHash()).isEqualTo("0xfeed");
    ArgumentCaptor<PublishRequest> published = ArgumentCaptor.forClass(PublishRequest.class);
    verify(beacon).publish(published.capture());
    List<String> bySigner =
        List.of(SIGNER_1, SIGNER_3).stream()
            .sorted(Comparator.comparing(Signatures::addressOf))
            .map(key -> Signatures.sign(action(VERSION).digest(DOMAIN), key))
            .toList();
    assertThat(published.getValue().signatures()).isEqualTo(bySigner);
    assertThat(published.getValue().nonce()).isEqualTo("4");
    ReleaseState state = workflow.getState();
    assertThat(state.thresholdReachedAtMillis()).isPositive();
    assertThat(state.recordedAtMillis()).isGreaterThanOrEqualTo(state.thresholdReachedAtMillis());
    assertThat(recordedActions())
        .containsExactly(
            "release.proposed", "release.signed", "release.signed", "release.published");
    assertThat(recordedSequences()).containsExactly(1, 2, 3, 4);
    recordHistory("published");
  }

  @Test
  void request_isFoundByTierAndVersion_andItsStageFollowsTheSignatures() throws IOException {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);

    Visibility awaiting = Visibility.await(workflow, v -> "AWAITING_SIGNATURES".equals(v.stage()));
    assertThat(awaiting.stage()).isEqualTo("AWAITING_SIGNATURES");
    assertThat(awaiting.attributes().get(NoderrSearchAttributes.TIER)).containsExactly("ORACLE");
    assertThat(awaiting.attributes().get(NoderrSearchAttributes.VERSION)).isEqualTo(VERSION);
    assertThat(awaiting.summary()).isEqualTo("Release 1.5.0 for ORACLE, proposed by alice");

    workflow.sign(signed(SIGNER_1));
    workflow.sign(signed(SIGNER_2));
    result();

    Visibility published = Visibility.of(workflow);
    assertThat(published.stage()).isEqualTo("PUBLISHED");
    assertThat(published.summary())
        .isEqualTo("Release 1.5.0 for ORACLE, proposed by alice: PUBLISHED");
    recordHistory("published-searchable");
  }

  @Test
  void state_carriesEverythingASignerChecks() {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);

    ReleaseState state = workflow.getState();

    assertThat(state.stage()).isEqualTo(ReleaseStage.AWAITING_SIGNATURES);
    assertThat(state.digest())
        .isEqualTo(org.web3j.utils.Numeric.toHexString(action(VERSION).digest(DOMAIN)));
    assertThat(state.chainId()).isEqualTo(1337);
    assertThat(state.multisig()).isEqualTo(MULTISIG);
    assertThat(state.nonce()).isEqualTo("4");
    assertThat(state.threshold()).isEqualTo(2);
    assertThat(state.previousVersion()).isEqualTo("1.4.0");
    assertThat(state.backend()).isEqualTo(Backend.CHAIN);
  }

  // --- signatures the validator refuses -------------------------------------------------------

  @Test
  void sign_refusesBadSignatures_beforeTheyEnterHistory() {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);
    workflow.sign(signed(SIGNER_1));

    assertRefusedWithoutTrace(
        () -> workflow.sign(signed(OUTSIDER)), "is not in the multisig's signer set");
    assertRefusedWithoutTrace(() -> workflow.sign(signed(SIGNER_1)), "already signed");
    String overOtherData = Signatures.sign(action("1.5.1").digest(DOMAIN), SIGNER_2);
    assertRefusedWithoutTrace(
        () -> workflow.sign(new SignCommand(address(SIGNER_2), overOtherData, "signer2")),
        "over other data or with another key");
    String byAnotherKey = Signatures.sign(action(VERSION).digest(DOMAIN), SIGNER_3);
    assertRefusedWithoutTrace(
        () -> workflow.sign(new SignCommand(address(SIGNER_2), byAnotherKey, "signer2")),
        "over other data or with another key");
    assertRefusedWithoutTrace(
        () -> workflow.sign(new SignCommand(address(SIGNER_2), "0x1234", "signer2")),
        "malformed signature");
    assertRefusedWithoutTrace(
        () -> workflow.sign(new SignCommand("not-an-address", "0x12", "signer2")),
        "is not an address");
    String otherChain =
        Signatures.sign(
            action(VERSION).digest(new MultisigDomain(84532, Address.of(MULTISIG))), SIGNER_2);
    assertRefusedWithoutTrace(
        () -> workflow.sign(new SignCommand(address(SIGNER_2), otherChain, "signer2")),
        "over other data");

    assertThat(workflow.getState().signatures()).hasSize(1);
    verify(beacon, never()).publish(any());
  }

  @Test
  void sign_isRefused_afterTheDeadline_andTheRequestExpires() throws IOException {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);
    workflow.sign(signed(SIGNER_1));

    env.sleep(Duration.ofDays(3).plusMinutes(1));

    assertThat(result().stage()).isEqualTo(ReleaseStage.EXPIRED);
    assertThat(result().reason()).contains("passed with 1 of 2 signatures");
    assertThatThrownBy(() -> workflow.sign(signed(SIGNER_2)))
        .isInstanceOf(io.temporal.client.WorkflowException.class);
    verify(beacon, never()).publish(any());
    assertThat(recordedActions()).endsWith("release.expired");
    recordHistory("expired");
  }

  // --- declines and withdrawal ----------------------------------------------------------------

  @Test
  void declines_endTheRequest_whenTheThresholdCanNoLongerBeReached() throws IOException {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);

    SignatureAccepted first = workflow.decline(declined(SIGNER_2, "notes link is broken"));
    workflow.decline(declined(SIGNER_3, "image not reproducible"));

    assertThat(first.stage()).isEqualTo(ReleaseStage.AWAITING_SIGNATURES);
    ReleaseResult result = result();
    assertThat(result.stage()).isEqualTo(ReleaseStage.DECLINED);
    assertThat(result.reason())
        .contains("image not reproducible")
        .contains("can no longer be reached");
    verify(beacon, never()).publish(any());
    recordHistory("declined");
  }

  @Test
  void decline_refusesASignatureOverAnotherReason_andOutsiders() {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);
    DeclineCommand honest = declined(SIGNER_2, "notes link is broken");

    assertRefusedWithoutTrace(
        () ->
            workflow.decline(
                new DeclineCommand(honest.signer(), "something else", honest.signature(), "x")),
        "over declining this release");
    assertRefusedWithoutTrace(
        () -> workflow.decline(declined(OUTSIDER, "no")), "not in the multisig's signer set");
    assertRefusedWithoutTrace(
        () -> workflow.decline(new DeclineCommand(honest.signer(), " ", honest.signature(), "x")),
        "reason is required");
  }

  @Test
  void oneDecline_doesNotStopTwoSignatures() {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);

    workflow.decline(declined(SIGNER_2, "I would wait a week"));
    workflow.sign(signed(SIGNER_1));
    workflow.sign(signed(SIGNER_3));

    assertThat(result().stage()).isEqualTo(ReleaseStage.PUBLISHED);
  }

  @Test
  void withdraw_byAnAdmin_endsTheRequest_andNonAdminsAreRefused() throws IOException {
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);

    assertRefusedWithoutTrace(
        () -> workflow.withdraw(new WithdrawCommand("bob", Set.of("SRE"), "oops")),
        "only admins withdraw");
    assertRefusedWithoutTrace(
        () -> workflow.withdraw(new WithdrawCommand("alice", Set.of("ADMIN"), "")),
        "needs a reason");
    ReleaseState state =
        workflow.withdraw(new WithdrawCommand("alice", Set.of("ADMIN"), "wrong digest"));

    assertThat(state.stage()).isEqualTo(ReleaseStage.WITHDRAWN);
    assertThat(result().reason()).isEqualTo("withdrawn by alice: wrong digest");
    recordHistory("withdrawn");
  }

  // --- proposals the beacon rules out, and failures -------------------------------------------

  @Test
  void proposal_isRefused_whenNotAboveTheCurrentVersion() {
    assertThat(runToEnd("1.3.9", null).reason())
        .contains("not above the current 1.4.0")
        .contains("downgrade");
  }

  @Test
  void proposal_isRefused_whenItIsTheCurrentVersion() {
    assertThat(runToEnd("1.4.0", null).reason()).contains("already the current version");
  }

  @Test
  void downgrade_withAReason_goesToTheSigners() throws IOException {
    ReleaseApprovalWorkflow workflow = propose("1.3.9", "1.4.0 corrupts the oracle cache");

    assertThat(workflow.getState().stage()).isEqualTo(ReleaseStage.AWAITING_SIGNATURES);
    workflow.sign(signedFor("1.3.9", SIGNER_1));
    workflow.sign(signedFor("1.3.9", SIGNER_2));
    assertThat(WorkflowStub.fromTyped(workflow).getResult(ReleaseResult.class).stage())
        .isEqualTo(ReleaseStage.PUBLISHED);
    assertThat(recordedDetails().get(0)).contains("DOWNGRADE: 1.4.0 corrupts the oracle cache");
  }

  @Test
  void downgradeReason_onAnUpgrade_isRefused() {
    assertThat(runToEnd(VERSION, "because").reason()).contains("not a downgrade");
  }

  @Test
  void proposal_isRefused_whenTheTierIsPaused() {
    doReturn(beaconWith("1.4.0", true)).when(beacon).readBeacon(any());
    assertThat(runToEnd(VERSION, null).reason()).contains("paused");
  }

  @Test
  void firstRelease_ofATier_needsNoCurrentVersion() {
    doReturn(beaconWith(null, false)).when(beacon).readBeacon(any());
    assertThat(propose("0.1.0", null).getState().stage())
        .isEqualTo(ReleaseStage.AWAITING_SIGNATURES);
  }

  @Test
  void multisigRefusal_failsTheRelease_withTheContractsReason() throws IOException {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "Expired(deadline=...)", ReleaseFailures.PUBLISH_REFUSED))
        .when(beacon)
        .publish(any());
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);

    workflow.sign(signed(SIGNER_1));
    workflow.sign(signed(SIGNER_2));

    ReleaseResult result = result();
    assertThat(result.stage()).isEqualTo(ReleaseStage.FAILED);
    assertThat(result.reason()).isEqualTo("the multisig refused: Expired(deadline=...)");
    verify(beacon, never()).awaitPublished(any());
    recordHistory("publish-refused");
  }

  @Test
  void eventShowingOtherData_failsTheRelease() {
    doReturn(
            new PublishedEvent(BeaconTier.ORACLE, VERSION, "sha256:" + "cd".repeat(32), "0x", 1, 1))
        .when(beacon)
        .awaitPublished(any());
    ReleaseApprovalWorkflow workflow = propose(VERSION, null);

    workflow.sign(signed(SIGNER_1));
    workflow.sign(signed(SIGNER_2));

    assertThat(result().reason()).contains("not what was signed");
  }

  // --- a request started again after a platform restart ---------------------------------------

  @Test
  void resumedRequest_readmitsItsAcceptedSignatures_andNumbersItsStepsOnFromTheReadModel()
      throws IOException {
    ReleaseApprovalWorkflow workflow = start(resumed(deadline, NONCE, 2, carried(SIGNER_1, NONCE)));

    ReleaseState state = workflow.getState();
    assertThat(state.stage()).isEqualTo(ReleaseStage.AWAITING_SIGNATURES);
    assertThat(state.signatures())
        .extracting(CollectedSignature::signer)
        .containsExactly(address(SIGNER_1));
    assertThatThrownBy(() -> workflow.sign(signed(SIGNER_1)))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThat(workflow.sign(signed(SIGNER_2)).stage()).isEqualTo(ReleaseStage.PUBLISHING);
    assertThat(result().stage()).isEqualTo(ReleaseStage.PUBLISHED);
    assertThat(recordedSequences().getFirst()).isEqualTo(3);
    assertThat(recordedActions())
        .containsExactly("release.signatures-readmitted", "release.signed", "release.published");
    assertThat(recordedDetails().getFirst())
        .startsWith(
            "started again after a platform restart: 1 of 1 accepted signatures re-admitted");
    assertThat(recorded().getFirst().terms().signatures())
        .extracting(ReleaseProgress.AcceptedSignature::signer)
        .containsExactly(address(SIGNER_1));
    recordHistory("resumed-then-published");
  }

  @Test
  void resumedRequest_dropsASignatureOverANonceTheMultisigMovedPast() {
    BigInteger older = NONCE.subtract(BigInteger.ONE);

    ReleaseApprovalWorkflow workflow =
        start(resumed(deadline, older, 1, carried(SIGNER_1, NONCE), carried(SIGNER_2, older)));

    assertThat(workflow.getState().signatures())
        .extracting(CollectedSignature::signer)
        .containsExactly(address(SIGNER_1));
    assertThat(workflow.getState().stage()).isEqualTo(ReleaseStage.AWAITING_SIGNATURES);
    assertThat(recordedDetails().getFirst())
        .contains("1 of 2 accepted signatures re-admitted")
        .contains("made over other data");
  }

  @Test
  void resumedRequest_pastItsDeadline_endsExpired_withoutAskingTheMultisig() {
    long past = env.currentTimeMillis() / 1000 - 60;

    start(resumed(past, NONCE, 2, carried(SIGNER_1, NONCE)));

    ReleaseResult result = result();
    assertThat(result.stage()).isEqualTo(ReleaseStage.EXPIRED);
    assertThat(result.reason()).contains("passed while the platform was down");
    assertThat(recordedActions()).containsExactly("release.expired");
    verify(beacon, never()).publish(any());
  }

  @Test
  void resumedWhilePublishing_finishesPublishing_whenTheBeaconAlreadyHoldsTheRelease() {
    when(beacon.readBeacon(any()))
        .thenReturn(
            new BeaconState(
                Backend.CHAIN,
                1337,
                MULTISIG,
                DemoSigners.addresses().stream().map(Address::value).toList(),
                2,
                NONCE.add(BigInteger.ONE).toString(),
                new CurrentRelease(VERSION, DIGEST, "1.2.0", "", 1),
                false));

    start(resumed(deadline, NONCE, 4, carried(SIGNER_1, NONCE), carried(SIGNER_2, NONCE)));

    assertThat(result().stage()).isEqualTo(ReleaseStage.PUBLISHED);
    ArgumentCaptor<PublishRequest> published = ArgumentCaptor.forClass(PublishRequest.class);
    verify(beacon).publish(published.capture());
    assertThat(published.getValue().nonce()).isEqualTo(NONCE.toString());
    assertThat(published.getValue().signatures()).hasSize(2);
  }

  // --- helpers --------------------------------------------------------------------------------

  private ReleaseApprovalWorkflow propose(String version, String downgradeReason) {
    return start(proposal(version, downgradeReason));
  }

  private ReleaseApprovalWorkflow start(ReleaseProposal proposal) {
    ReleaseApprovalWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                ReleaseApprovalWorkflow.class,
                ReleaseApprovalWorkflow.startOptions(proposal).build());
    WorkflowClient.start(workflow::run, proposal);
    awaitPrepared(workflow);
    return workflow;
  }

  /** The proposal as the platform starts it again after a restart lost its workflow. */
  private static ReleaseProposal resumed(
      long deadline, BigInteger nonce, int recordedSteps, CollectedSignature... accepted) {
    return new ReleaseProposal(
        BeaconTier.ORACLE,
        VERSION,
        DIGEST,
        "1.2.0",
        "https://releases.noderr.example/" + VERSION,
        deadline,
        "alice",
        null,
        new ReleaseProposal.Resumption(nonce.toString(), List.of(accepted), recordedSteps));
  }

  private CollectedSignature carried(ECKeyPair key, BigInteger nonce) {
    PublishAction over =
        new PublishAction(
            BeaconTier.ORACLE.code(),
            VERSION,
            ImageDigest.parse(DIGEST),
            "1.2.0",
            "https://releases.noderr.example/" + VERSION,
            nonce,
            deadline);
    return new CollectedSignature(
        address(key), Signatures.sign(over.digest(DOMAIN), key), "bob", 1_000);
  }

  /** The API does the same: a request takes signatures once the beacon was read. */
  private static void awaitPrepared(ReleaseApprovalWorkflow workflow) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (workflow.getState().stage() == ReleaseStage.PREPARING && System.nanoTime() < giveUp) {
      Thread.onSpinWait();
    }
  }

  private ReleaseResult runToEnd(String version, String downgradeReason) {
    ReleaseApprovalWorkflow workflow = propose(version, downgradeReason);
    ReleaseResult result = WorkflowStub.fromTyped(workflow).getResult(ReleaseResult.class);
    assertThat(result.stage()).isEqualTo(ReleaseStage.REFUSED);
    verify(beacon, never()).publish(any());
    return result;
  }

  private ReleaseProposal proposal(String version, String downgradeReason) {
    return new ReleaseProposal(
        BeaconTier.ORACLE,
        version,
        DIGEST,
        "1.2.0",
        "https://releases.noderr.example/" + version,
        deadline,
        "alice",
        downgradeReason);
  }

  private PublishAction action(String version) {
    return new PublishAction(
        BeaconTier.ORACLE.code(),
        version,
        ImageDigest.parse(DIGEST),
        "1.2.0",
        "https://releases.noderr.example/" + version,
        NONCE,
        deadline);
  }

  private SignCommand signed(ECKeyPair key) {
    return signedFor(VERSION, key);
  }

  private SignCommand signedFor(String version, ECKeyPair key) {
    return new SignCommand(
        address(key), Signatures.sign(action(version).digest(DOMAIN), key), "someone");
  }

  private DeclineCommand declined(ECKeyPair key, String reason) {
    DeclineAction decline = new DeclineAction(action(VERSION).digest(DOMAIN), reason);
    return new DeclineCommand(
        address(key), reason, Signatures.sign(decline.digest(DOMAIN), key), "someone");
  }

  private static String address(ECKeyPair key) {
    return Signatures.addressOf(key).value();
  }

  private static BeaconState beaconWith(String currentVersion, boolean paused) {
    return new BeaconState(
        Backend.CHAIN,
        1337,
        MULTISIG,
        DemoSigners.addresses().stream().map(Address::value).toList(),
        2,
        NONCE.toString(),
        currentVersion == null
            ? null
            : new CurrentRelease(currentVersion, "sha256:" + "11".repeat(32), "", "", 1),
        paused);
  }

  private ReleaseResult result() {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(WORKFLOW_ID)
        .getResult(ReleaseResult.class);
  }

  private List<ReleaseProgress> recorded() {
    return mockingDetails(beacon).getInvocations().stream()
        .filter(i -> i.getMethod().getName().equals("record"))
        .map(i -> (ReleaseProgress) i.getArgument(0))
        .toList();
  }

  private List<String> recordedActions() {
    return recorded().stream().map(p -> p.step().action()).toList();
  }

  private List<Integer> recordedSequences() {
    return recorded().stream().map(p -> p.step().sequence()).toList();
  }

  private List<String> recordedDetails() {
    return recorded().stream().map(p -> p.step().detail()).toList();
  }

  private void assertRefusedWithoutTrace(ThrowingCallable update, String reason) {
    Idle.await(env.getWorkflowClient(), WORKFLOW_ID);
    ReleaseState before = stub().getState();
    List<HistoryEvent> historyBefore = history().getEvents();
    int callsBefore = mockingDetails(beacon).getInvocations().size();

    assertThatThrownBy(update)
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getOriginalMessage()).contains(reason));

    assertThat(stub().getState()).isEqualTo(before);
    List<HistoryEvent> historyAfter = history().getEvents();
    assertThat(count(historyAfter, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
        .isEqualTo(count(historyBefore, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED));
    assertThat(count(historyAfter, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED))
        .isZero();
    assertThat(mockingDetails(beacon).getInvocations()).hasSize(callsBefore);
  }

  private ReleaseApprovalWorkflow stub() {
    return env.getWorkflowClient().newWorkflowStub(ReleaseApprovalWorkflow.class, WORKFLOW_ID);
  }

  private WorkflowExecutionHistory history() {
    return env.getWorkflowClient().fetchHistory(WORKFLOW_ID);
  }

  private static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }

  private void recordHistory(String scenario) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    Path file = Path.of("src/test/resources/histories/release", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, history().toJson(true));
  }
}
