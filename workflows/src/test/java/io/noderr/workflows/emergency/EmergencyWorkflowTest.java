package io.noderr.workflows.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconEmergencyState.TierPause;
import io.noderr.activities.emergency.BeaconTransaction;
import io.noderr.activities.emergency.CancelQueuedRequest;
import io.noderr.activities.emergency.EmergencyAction;
import io.noderr.activities.emergency.EmergencyActivities;
import io.noderr.activities.emergency.EmergencyFailures;
import io.noderr.activities.emergency.EmergencyProgress;
import io.noderr.activities.emergency.EmergencyProgress.AcceptedSignature;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.activities.emergency.EmergencyProposal.QueuedOperation;
import io.noderr.activities.emergency.EmergencyProposal.Resumption;
import io.noderr.activities.emergency.EmergencyRecorded;
import io.noderr.activities.emergency.GuardianPauseRequest;
import io.noderr.activities.emergency.HoldTiers;
import io.noderr.activities.emergency.PauseDeployments;
import io.noderr.activities.emergency.QuarantineResult;
import io.noderr.activities.emergency.TiersHeld;
import io.noderr.activities.emergency.TiersPausedRequest;
import io.noderr.activities.emergency.TiersReleased;
import io.noderr.activities.release.BeaconState.Backend;
import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;
import io.noderr.signing.CancelQueuedAction;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.web3j.crypto.ECKeyPair;

/**
 * The emergency workflow on a time-skipping test server: beacon and platform activities mocked,
 * signatures real (the demo signers' keys over the real EIP-712 digests). Signer 1 is the only
 * guardian; the multisig needs 2 of 3. With {@code -Dnoderr.recordHistories=true} scenarios write
 * their history to {@code src/test/resources/histories/emergency} for the replay test.
 */
class EmergencyWorkflowTest {

  private static final String MULTISIG = "0x5b1869d9a4c187f2eaa108f3062412ecf0526b24";
  private static final ECKeyPair GUARDIAN = DemoSigners.key(1);
  private static final ECKeyPair SIGNER_2 = DemoSigners.key(2);
  private static final ECKeyPair SIGNER_3 = DemoSigners.key(3);
  private static final ECKeyPair OUTSIDER = ECKeyPair.create(BigInteger.valueOf(0xBAD));
  private static final long MANDATE = Duration.ofHours(24).toSeconds();
  private static final String ID = "emergency-1";

  private TestWorkflowEnvironment env;
  private EmergencyActivities activities;
  private BeaconEmergencyState beacon;
  private long deadline;
  private WorkflowStub stub;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    Worker platform = env.newWorker(TaskQueues.PLATFORM);
    platform.registerWorkflowImplementationTypes(EmergencyWorkflowImpl.class, StartedRollout.class);
    activities = mock(EmergencyActivities.class, withSettings().withoutAnnotations());
    beacon = beacon(4, 2, List.of(), List.of(addressOf(GUARDIAN)));
    when(activities.readEmergencyBeacon(any())).thenAnswer(call -> beacon);
    when(activities.guardianPause(any()))
        .thenAnswer(
            call -> {
              long tiers = ((GuardianPauseRequest) call.getArgument(0)).tiers();
              long expiresAt = env.currentTimeMillis() / 1000 + MANDATE;
              beacon = beacon(5, 2, pausedTiers(tiers, expiresAt), List.of(addressOf(GUARDIAN)));
              return new BeaconTransaction("0xpause", 7, false);
            });
    when(activities.setTiersPaused(any())).thenReturn(new BeaconTransaction("0xquorum", 8, false));
    when(activities.expireGuardianPause(any()))
        .thenReturn(new BeaconTransaction("0xexpire", 9, false));
    when(activities.changeSigners(any())).thenReturn(new BeaconTransaction("0xrotate", 10, false));
    when(activities.cancelQueued(any())).thenReturn(new BeaconTransaction("0xveto", 11, false));
    when(activities.holdTiers(any())).thenReturn(new TiersHeld(List.of("rollout-ORACLE-1.5.0")));
    when(activities.pauseDeployments(any())).thenReturn(new TiersHeld(List.of()));
    when(activities.releaseTiers(any()))
        .thenReturn(new TiersReleased(List.of("ORACLE"), List.of("rollout-ORACLE-1.5.0")));
    when(activities.quarantine(any())).thenReturn(new QuarantineResult(3));
    when(activities.endQuarantine(any())).thenReturn(new QuarantineResult(3));
    when(activities.recordEmergency(any()))
        .thenAnswer(
            call ->
                new EmergencyRecorded(
                    ((EmergencyProgress) call.getArgument(0)).emergencyId(), true));
    platform.registerActivitiesImplementations(activities);
    env.start();
    deadline = env.currentTimeMillis() / 1000 + Duration.ofHours(6).toSeconds();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  // --- PAUSE: one guardian, for a while ---------------------------------------------------------

  @Test
  void pause_actsOnOneGuardiansSignature_andUndoesItselfWhenTheMandateRunsOut() throws IOException {
    EmergencyWorkflow emergency = propose(pause("ORACLE"));

    EmergencyState afterGuardian = emergency.sign(signed(GUARDIAN, emergency));
    awaitStage(emergency, EmergencyStage.MANDATE);

    verify(activities).guardianPause(any());
    ArgumentCaptor<HoldTiers> held = ArgumentCaptor.forClass(HoldTiers.class);
    verify(activities).holdTiers(held.capture());
    assertThat(held.getValue().tiers()).containsExactly("ORACLE");
    assertThat(held.getValue().expiresAt()).isPositive();
    assertThat(afterGuardian.stage()).isIn(EmergencyStage.ACTING, EmergencyStage.MANDATE);
    EmergencyState mandate = emergency.getState();
    assertThat(mandate.request().kind()).isEqualTo(SigningRequest.RATIFY);
    assertThat(mandate.effects()).anyMatch(e -> e.contains("1 running deployment(s) paused"));

    env.sleep(Duration.ofHours(25));

    EmergencyResult result = result();
    assertThat(result.stage()).isEqualTo(EmergencyStage.REVERTED);
    verify(activities).expireGuardianPause(any());
    verify(activities).releaseTiers(any());
    verify(activities, never()).setTiersPaused(any());
    assertThat(auditActions()).contains("emergency.mandate", "emergency.reverted");
    recordHistory("pause-reverted");
  }

  @Test
  void pause_staysWhenTheQuorumRatifiesInTime() throws IOException {
    EmergencyWorkflow emergency = propose(pause("ORACLE", "GUARDIAN"));
    emergency.sign(signed(GUARDIAN, emergency));
    awaitStage(emergency, EmergencyStage.MANDATE);
    env.sleep(Duration.ofHours(2));

    emergency.sign(signed(SIGNER_3, emergency));
    emergency.sign(signed(SIGNER_2, emergency));

    EmergencyResult result = result();
    assertThat(result.stage()).isEqualTo(EmergencyStage.DONE);
    ArgumentCaptor<TiersPausedRequest> quorum = ArgumentCaptor.forClass(TiersPausedRequest.class);
    verify(activities).setTiersPaused(quorum.capture());
    assertThat(quorum.getValue().paused()).isTrue();
    assertThat(quorum.getValue().tiers()).isEqualTo(0b110);
    assertThat(quorum.getValue().signatures()).hasSize(2);
    assertThat(quorum.getValue().signatures())
        .as("sorted by signer address, as the contract wants")
        .isEqualTo(
            List.of(SIGNER_2, SIGNER_3).stream()
                .sorted(Comparator.comparing(Signatures::addressOf))
                .map(key -> Signatures.sign(digestOf(quorumRequest(quorum.getValue())), key))
                .toList());
    ArgumentCaptor<HoldTiers> holds = ArgumentCaptor.forClass(HoldTiers.class);
    verify(activities, org.mockito.Mockito.times(2)).holdTiers(holds.capture());
    assertThat(holds.getAllValues().get(1).expiresAt()).as("held until a RESUME").isZero();
    env.sleep(Duration.ofHours(30));
    verify(activities, never()).expireGuardianPause(any());
    recordHistory("pause-ratified");
  }

  @Test
  void pause_refusesASignerWhoIsNotAGuardian_andLeavesNoTrace() {
    EmergencyWorkflow emergency = propose(pause("ORACLE"));
    awaitStage(emergency, EmergencyStage.AWAITING_SIGNATURES);

    assertRefused(() -> emergency.sign(signed(SIGNER_2, emergency)), "is not a guardian");
    assertRefused(() -> emergency.sign(signed(OUTSIDER, emergency)), "is not a guardian");
    assertRefused(
        () ->
            emergency.sign(
                new EmergencySignCommand(
                    addressOf(GUARDIAN), Signatures.sign(new byte[32], GUARDIAN), "alice")),
        "over other data");

    assertThat(emergency.getState().signatures()).isEmpty();
    assertThat(
            env.getWorkflowClient().fetchHistory(ID).getEvents().stream()
                .filter(
                    e ->
                        e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
                .count())
        .as("refused signatures never enter history")
        .isZero();
    verify(activities, never()).guardianPause(any());
  }

  @Test
  void pause_isNotDone_whenTheDeadlinePassesWithoutAGuardian() {
    EmergencyWorkflow emergency = propose(pause("ORACLE"));
    awaitStage(emergency, EmergencyStage.AWAITING_SIGNATURES);

    env.sleep(Duration.ofHours(7));

    assertThat(result().stage()).isEqualTo(EmergencyStage.EXPIRED);
    assertThatThrownBy(() -> emergency.sign(signed(GUARDIAN, emergency)))
        .as("an ended emergency takes no signature")
        .isInstanceOf(WorkflowException.class);
    verify(activities, never()).guardianPause(any());
    verify(activities, never()).holdTiers(any());
  }

  // --- quorum actions
  // -----------------------------------------------------------------------------

  @Test
  void emergencyRollback_startsTheGateLessRollbackOnlyAtTwoOfThree() throws IOException {
    EmergencyWorkflow emergency =
        propose(
            proposal(
                EmergencyAction.EMERGENCY_ROLLBACK,
                List.of("ORACLE"),
                "1.4.0",
                "sha256:" + "ab".repeat(32),
                List.of(),
                null));
    EmergencyState first = emergency.sign(signed(GUARDIAN, emergency));
    assertThat(first.stage())
        .as("a guardian alone cannot roll back")
        .isEqualTo(EmergencyStage.AWAITING_SIGNATURES);

    emergency.sign(signed(SIGNER_3, emergency));

    EmergencyResult result = result();
    assertThat(result.stage()).isEqualTo(EmergencyStage.DONE);
    String rollout = "rollout-ORACLE-1.4.0-" + ID;
    assertThat(emergency.getState().rolloutId()).isEqualTo(rollout);
    assertThat(env.getWorkflowClient().newUntypedWorkflowStub(rollout).getResult(String.class))
        .isNull();
    ArgumentCaptor<PauseDeployments> paused = ArgumentCaptor.forClass(PauseDeployments.class);
    verify(activities).pauseDeployments(paused.capture());
    assertThat(paused.getValue().except()).isEqualTo(rollout);
    recordHistory("rollback");
  }

  @Test
  void quarantine_byOneGuardianIsAMandate_byTheQuorumIsFinal() {
    EmergencyWorkflow byQuorum =
        propose(
            proposal(EmergencyAction.QUARANTINE, List.of(), null, null, List.of("n1", "n2"), null));
    byQuorum.sign(signed(SIGNER_2, byQuorum));
    byQuorum.sign(signed(SIGNER_3, byQuorum));
    assertThat(result().stage()).isEqualTo(EmergencyStage.DONE);
    verify(activities).quarantine(any());

    EmergencyWorkflow byGuardian =
        propose(
            "emergency-2",
            proposal(EmergencyAction.QUARANTINE, List.of(), null, null, List.of(), "op-7"));
    byGuardian.sign(signed(GUARDIAN, byGuardian));
    awaitStage(byGuardian, EmergencyStage.MANDATE);
    env.sleep(Duration.ofHours(25));
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub("emergency-2")
                .getResult(EmergencyResult.class)
                .stage())
        .isEqualTo(EmergencyStage.REVERTED);
    verify(activities).endQuarantine(any());
  }

  @Test
  void resume_isNeverOneSignersDecision_evenWithAThresholdOfOne() {
    beacon = beacon(9, 1, pausedTiers(0b10, 0), List.of(addressOf(GUARDIAN)));
    EmergencyWorkflow emergency =
        propose(proposal(EmergencyAction.RESUME, List.of("ORACLE"), null, null, List.of(), null));

    EmergencyState first = emergency.sign(signed(GUARDIAN, emergency));
    assertThat(first.stage()).isEqualTo(EmergencyStage.AWAITING_SIGNATURES);
    assertThat(first.request().required()).isEqualTo(2);
    emergency.sign(signed(SIGNER_2, emergency));

    assertThat(result().stage()).isEqualTo(EmergencyStage.DONE);
    ArgumentCaptor<TiersPausedRequest> unpause = ArgumentCaptor.forClass(TiersPausedRequest.class);
    verify(activities).setTiersPaused(unpause.capture());
    assertThat(unpause.getValue().paused()).isFalse();
    verify(activities).releaseTiers(any());
  }

  @Test
  void resume_isRefused_whenNoNamedTierIsPaused() {
    EmergencyWorkflow emergency =
        propose(proposal(EmergencyAction.RESUME, List.of("ORACLE"), null, null, List.of(), null));

    EmergencyResult result = result();

    assertThat(result.stage()).isEqualTo(EmergencyStage.REFUSED);
    assertThat(result.reason()).contains("none of ORACLE is paused");
    assertThatThrownBy(() -> emergency.sign(signed(GUARDIAN, emergency)))
        .isInstanceOf(WorkflowException.class);
  }

  @Test
  void rotateSigners_needsEveryCurrentSigner() {
    EmergencyWorkflow emergency =
        propose(
            new EmergencyProposal(
                EmergencyAction.ROTATE_SIGNERS,
                List.of(),
                null,
                null,
                List.of(),
                null,
                List.of(addressOf(SIGNER_2), addressOf(SIGNER_3)),
                2,
                "signer 1's key leaked",
                "alice",
                deadline));

    emergency.sign(signed(SIGNER_2, emergency));
    EmergencyState two = emergency.sign(signed(SIGNER_3, emergency));
    assertThat(two.stage())
        .as("2 of 3 is not the full quorum")
        .isEqualTo(EmergencyStage.AWAITING_SIGNATURES);
    verify(activities, never()).changeSigners(any());
    emergency.sign(signed(GUARDIAN, emergency));

    assertThat(result().stage()).isEqualTo(EmergencyStage.DONE);
    verify(activities).changeSigners(any());
  }

  // --- VETO_PROPOSAL: the guardian's veto in governance, by the quorum ---

  @Test
  void vetoProposal_cancelsTheQueuedOperationAtTheThreshold_neverOnOneGuardiansSignature()
      throws IOException {
    beacon = onChain(beacon(6, 2, List.of(), List.of(addressOf(GUARDIAN))));
    EmergencyWorkflow emergency = propose(veto(QUEUED));

    EmergencyState proposed = emergency.getState();
    assertThat(proposed.scope()).isEqualTo("proposal=" + GOVERNANCE_PROPOSAL);
    assertThat(proposed.request().primaryType()).isEqualTo("CancelQueued");
    assertThat(proposed.request().required()).isEqualTo(2);
    assertThat(proposed.request().eligible()).hasSize(3);
    assertThat(proposed.request().digest())
        .as("the multisig's own CancelQueued digest over the operation and its next nonce")
        .isEqualTo(
            "0x"
                + HexFormat.of()
                    .formatHex(
                        new CancelQueuedAction(
                                Address.of(TIMELOCK),
                                HexFormat.of().parseHex(OPERATION.substring(2)),
                                BigInteger.valueOf(6),
                                deadline)
                            .digest(
                                new io.noderr.signing.MultisigDomain(1337, Address.of(MULTISIG)))));
    assertThat(String.join("\n", proposed.request().summary()))
        .contains("VETO governance proposal " + GOVERNANCE_PROPOSAL + ": Canary 20 %")
        .contains("it would change   rollout.canaryPercent → 20")
        .contains(Address.of(TIMELOCK).checksummed())
        .contains(OPERATION)
        .contains("would execute at  " + java.time.Instant.ofEpochSecond(QUEUED.eta()));

    EmergencyState afterGuardian = emergency.sign(signed(GUARDIAN, emergency));
    assertThat(afterGuardian.stage())
        .as("one guardian cannot veto")
        .isEqualTo(EmergencyStage.AWAITING_SIGNATURES);
    verify(activities, never()).cancelQueued(any());
    emergency.sign(signed(SIGNER_3, emergency));

    EmergencyResult result = result();
    assertThat(result.stage()).isEqualTo(EmergencyStage.DONE);
    ArgumentCaptor<CancelQueuedRequest> cancel = ArgumentCaptor.forClass(CancelQueuedRequest.class);
    verify(activities).cancelQueued(cancel.capture());
    assertThat(cancel.getValue().timelock()).isEqualTo(TIMELOCK);
    assertThat(cancel.getValue().operation()).isEqualTo(OPERATION);
    assertThat(cancel.getValue().deadline()).isEqualTo(deadline);
    assertThat(cancel.getValue().signatures())
        .as("sorted by signer address, as the contract wants")
        .isEqualTo(
            List.of(GUARDIAN, SIGNER_3).stream()
                .sorted(Comparator.comparing(Signatures::addressOf))
                .map(key -> Signatures.sign(digestOf(proposed.request()), key))
                .toList());
    assertThat(result.effects())
        .singleElement()
        .satisfies(e -> assertThat(e).contains("vetoed", OPERATION, "0xveto"));
    recordHistory("veto-proposal");
  }

  @Test
  void vetoProposal_isRefused_onThePostgreSqlBeacon_whereGovernanceIsOff() {
    EmergencyWorkflow emergency = propose(veto(QUEUED));

    EmergencyResult result = result();

    assertThat(result.stage()).isEqualTo(EmergencyStage.REFUSED);
    assertThat(result.reason()).contains("governance is off");
    assertThatThrownBy(() -> emergency.sign(signed(GUARDIAN, emergency)))
        .isInstanceOf(WorkflowException.class);
    verify(activities, never()).cancelQueued(any());
  }

  @Test
  void vetoProposal_isRefused_withoutTheProposalsOperationOnTheTimelock() {
    beacon = onChain(beacon(6, 2, List.of(), List.of(addressOf(GUARDIAN))));
    propose(veto(null));

    EmergencyResult result = result();

    assertThat(result.stage()).isEqualTo(EmergencyStage.REFUSED);
    assertThat(result.reason()).contains("is not queued on the timelock");
    verify(activities, never()).cancelQueued(any());
  }

  @Test
  void vetoProposal_fails_whenTheMultisigRefuses() {
    beacon = onChain(beacon(6, 2, List.of(), List.of(addressOf(GUARDIAN))));
    when(activities.cancelQueued(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "TimelockUnexpectedOperationState: the timelock operation is not pending",
                EmergencyFailures.BEACON_REFUSED));
    EmergencyWorkflow emergency = propose(veto(QUEUED));
    emergency.sign(signed(SIGNER_2, emergency));
    emergency.sign(signed(SIGNER_3, emergency));

    EmergencyResult result = result();

    assertThat(result.stage()).isEqualTo(EmergencyStage.FAILED);
    assertThat(result.reason())
        .contains("VETO_PROPOSAL was refused")
        .contains("TimelockUnexpectedOperationState");
  }

  // --- taken up again after a restart ---

  @Test
  void resumedMandate_keepsItsDeadline_andStillRevertsThen() {
    long mandateEnd = env.currentTimeMillis() / 1000 + Duration.ofHours(3).toSeconds();
    beacon = beacon(5, 2, pausedTiers(0b10, mandateEnd), List.of(addressOf(GUARDIAN)));
    EmergencyProposal lost =
        pause("ORACLE")
            .resumed(
                new Resumption(
                    "MANDATE", mandateEnd, List.of(), List.of("the beacon paused ORACLE"), 4));

    EmergencyWorkflow emergency = propose(lost);

    awaitStage(emergency, EmergencyStage.MANDATE);
    assertThat(emergency.getState().mandateExpiresAt()).isEqualTo(mandateEnd);
    verify(activities, never()).guardianPause(any());
    env.sleep(Duration.ofHours(4));
    assertThat(result().stage()).isEqualTo(EmergencyStage.REVERTED);
    verify(activities).expireGuardianPause(any());
    assertThat(auditActions()).contains("emergency.resumed");
  }

  @Test
  void resumedRequest_countsOnlySignaturesThatStillHold() {
    EmergencyProposal fresh =
        proposal(EmergencyAction.QUARANTINE, List.of(), null, null, List.of("n1"), null);
    EmergencyWorkflow first = propose("emergency-7", fresh);
    String digest = first.getState().request().digest();
    byte[] bytes = HexFormat.of().parseHex(digest.substring(2));
    AcceptedSignature good =
        new AcceptedSignature(
            addressOf(SIGNER_2), Signatures.sign(bytes, SIGNER_2), digest, "bob", 1);
    AcceptedSignature forged =
        new AcceptedSignature(
            addressOf(SIGNER_3), Signatures.sign(bytes, OUTSIDER), digest, "eve", 2);
    env.getWorkflowClient().newUntypedWorkflowStub("emergency-7").terminate("lost");

    EmergencyWorkflow resumed =
        propose(
            "emergency-7",
            fresh.resumed(
                new Resumption("AWAITING_SIGNATURES", 0, List.of(good, forged), List.of(), 2)));

    assertThat(resumed.getState().signatures())
        .extracting(AcceptedSignature::signer)
        .containsExactly(addressOf(SIGNER_2));
    assertThat(resumed.getState().stage()).isEqualTo(EmergencyStage.AWAITING_SIGNATURES);
    resumed.sign(signed(SIGNER_3, resumed));
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub("emergency-7")
                .getResult(EmergencyResult.class)
                .stage())
        .isEqualTo(EmergencyStage.DONE);
  }

  // --- helpers
  // ------------------------------------------------------------------------------------

  private static final String GOVERNANCE_PROPOSAL = "4711";
  private static final String TIMELOCK = "0x9561c133dd8580860b6b7e504bc5aa500f0f06a7";
  private static final String OPERATION = "0x" + "5e".repeat(32);
  private static final QueuedOperation QUEUED =
      new QueuedOperation(
          TIMELOCK,
          OPERATION,
          1_800_000_000L,
          "Canary 20 %",
          List.of("rollout.canaryPercent → 20"));

  private EmergencyProposal veto(QueuedOperation queued) {
    return new EmergencyProposal(
        EmergencyAction.VETO_PROPOSAL,
        List.of(),
        null,
        null,
        List.of(),
        null,
        List.of(),
        0,
        "the canary change hides a treasury call",
        "alice",
        deadline,
        null,
        GOVERNANCE_PROPOSAL,
        queued);
  }

  private static BeaconEmergencyState onChain(BeaconEmergencyState local) {
    return new BeaconEmergencyState(
        Backend.CHAIN,
        local.chainId(),
        local.multisig(),
        local.signers(),
        local.threshold(),
        local.guardians(),
        local.nonce(),
        local.mandateSeconds(),
        local.tiers());
  }

  private static byte[] digestOf(SigningRequest request) {
    return HexFormat.of().parseHex(request.digest().substring(2));
  }

  private EmergencyProposal pause(String... tiers) {
    return proposal(EmergencyAction.PAUSE, List.of(tiers), null, null, List.of(), null);
  }

  private EmergencyProposal proposal(
      EmergencyAction action,
      List<String> tiers,
      String version,
      String digest,
      List<String> nodes,
      String operator) {
    return new EmergencyProposal(
        action,
        tiers,
        version,
        digest,
        nodes,
        operator,
        List.of(),
        0,
        "1.5.0 corrupts the oracle's state",
        "alice",
        deadline);
  }

  private EmergencyWorkflow propose(EmergencyProposal proposal) {
    return propose(ID, proposal);
  }

  private EmergencyWorkflow propose(String id, EmergencyProposal proposal) {
    EmergencyWorkflow emergency =
        env.getWorkflowClient()
            .newWorkflowStub(
                EmergencyWorkflow.class, EmergencyWorkflow.startOptions(id, proposal).build());
    WorkflowClient.start(emergency::run, proposal);
    if (id.equals(ID)) {
      stub = WorkflowStub.fromTyped(emergency);
    }
    for (int i = 0; i < 200 && emergency.getState().stage() == EmergencyStage.PREPARING; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    return emergency;
  }

  private EmergencyResult result() {
    return stub.getResult(EmergencyResult.class);
  }

  private void awaitStage(EmergencyWorkflow emergency, EmergencyStage stage) {
    for (int i = 0; i < 200 && emergency.getState().stage() != stage; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(emergency.getState().stage()).isEqualTo(stage);
  }

  /** The signer's signature over what the emergency asks to be signed now. */
  private EmergencySignCommand signed(ECKeyPair key, EmergencyWorkflow emergency) {
    EmergencyState state = emergency.getState();
    byte[] digest =
        state.request() == null
            ? new byte[32]
            : HexFormat.of().parseHex(state.request().digest().substring(2));
    return new EmergencySignCommand(addressOf(key), Signatures.sign(digest, key), "alice");
  }

  private static byte[] digestOf(io.noderr.signing.PauseTiersAction action) {
    return action.digest(new io.noderr.signing.MultisigDomain(1337, Address.of(MULTISIG)));
  }

  private static io.noderr.signing.PauseTiersAction quorumRequest(TiersPausedRequest request) {
    return new io.noderr.signing.PauseTiersAction(
        request.tiers(), true, BigInteger.valueOf(5), request.deadline());
  }

  private List<String> auditActions() {
    ArgumentCaptor<EmergencyProgress> steps = ArgumentCaptor.forClass(EmergencyProgress.class);
    verify(activities, org.mockito.Mockito.atLeastOnce()).recordEmergency(steps.capture());
    return steps.getAllValues().stream().map(p -> p.step().action()).toList();
  }

  private static void assertRefused(Runnable update, String reason) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(rootMessage(e)).contains(reason));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static List<TierPause> pausedTiers(long mask, long expiresAt) {
    List<TierPause> tiers = new ArrayList<>();
    for (BeaconTier tier : BeaconTier.values()) {
      boolean paused = (mask & (1L << tier.code())) != 0;
      tiers.add(new TierPause(tier, paused, paused ? expiresAt : 0));
    }
    return tiers;
  }

  private static BeaconEmergencyState beacon(
      long nonce, int threshold, List<TierPause> tiers, List<String> guardians) {
    return new BeaconEmergencyState(
        Backend.LOCAL,
        1337,
        MULTISIG,
        List.of(addressOf(GUARDIAN), addressOf(SIGNER_2), addressOf(SIGNER_3)),
        threshold,
        guardians,
        Long.toString(nonce),
        MANDATE,
        tiers.isEmpty() ? pausedTiers(0, 0) : tiers);
  }

  private static String addressOf(ECKeyPair key) {
    return Signatures.addressOf(key).value();
  }

  private void recordHistory(String scenario) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    Path file = Path.of("src/test/resources/histories/emergency", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, env.getWorkflowClient().fetchHistory(ID).toJson(true));
  }
}
