package io.noderr.workflows.governance;

import static io.noderr.workflows.governance.Ballots.CALLS;
import static io.noderr.workflows.governance.Ballots.NON_STAKER;
import static io.noderr.workflows.governance.Ballots.OTHER_VOTER;
import static io.noderr.workflows.governance.Ballots.VOTER;
import static io.noderr.workflows.governance.Ballots.address;
import static io.noderr.workflows.governance.Ballots.ballot;
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
import io.noderr.activities.governance.GovernancePlatformActivities;
import io.noderr.activities.governance.ParameterApplication;
import io.noderr.activities.governance.ParametersApplied;
import io.noderr.activities.governance.ProposalProgress;
import io.noderr.activities.governance.ProposalRecorded;
import io.noderr.workflows.UpdateRefusals;
import io.noderr.workflows.testing.Idle;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * ProposalWorkflow against an in-memory governor on the test server's skipped clock: the vote, the
 * timelock and the execution follow the governor's windows; ballots are signed with real keys and
 * refused by the validator or the on-chain checks with a reason. With {@code
 * -Dnoderr.recordHistories=true} scenarios write their histories for the replay test.
 */
class ProposalWorkflowTest {

  private static final String WORKFLOW_ID = ProposalWorkflow.workflowId(CALLS.proposalId());

  private TestWorkflowEnvironment env;
  private FakeGovernor governor;
  private GovernancePlatformActivities platform;
  private ProposalWorkflow workflow;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    Worker worker = env.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(ProposalWorkflowImpl.class);
    governor = new FakeGovernor(env);
    governor.stakes.put(address(VOTER), BigInteger.valueOf(150));
    governor.stakes.put(address(OTHER_VOTER), BigInteger.valueOf(60));
    platform = mock(GovernancePlatformActivities.class, withSettings().withoutAnnotations());
    when(platform.recordProposal(any())).thenReturn(new ProposalRecorded(CALLS.proposalId(), true));
    when(platform.applyParameters(any()))
        .thenReturn(new ParametersApplied(List.of("rollout.canaryPercent = 10: first cohort")));
    worker.registerActivitiesImplementations(governor, platform);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void proposal_passes_isQueuedAndExecutedAfterTheEta_andAppliesTheParameters() throws IOException {
    governor.createNow();
    start(null);
    untilActive();

    BallotAccepted accepted = workflow.castBallot(ballot(VOTER, "FOR"));
    workflow.castBallot(ballot(OTHER_VOTER, "AGAINST"));

    assertThat(accepted.weight()).isEqualTo("150");
    assertThat(accepted.support()).isEqualTo("FOR");
    assertThat(accepted.transaction()).isEqualTo("0xvote1");
    ProposalResult result = result();
    assertThat(result.stage()).isEqualTo(ProposalStage.EXECUTED);
    assertThat(result.applied()).containsExactly("rollout.canaryPercent = 10: first cohort");
    assertThat(governor.executed).isTrue();
    ArgumentCaptor<ParameterApplication> applied =
        ArgumentCaptor.forClass(ParameterApplication.class);
    verify(platform).applyParameters(applied.capture());
    assertThat(applied.getValue().changes()).hasSize(1);
    assertThat(recordedActions())
        .contains(
            "governance.proposal-pending",
            "governance.proposal-active",
            "governance.ballot-relayed",
            "governance.proposal-succeeded",
            "governance.proposal-queued",
            "governance.proposal-executed");
    assertThat(workflow.getState().ballotsRelayed()).isEqualTo(2);
    recordHistory("executed");
  }

  @Test
  void proposal_withoutQuorum_isDefeated_andNeverQueued() throws IOException {
    governor.createNow();
    start(null);
    untilActive();
    workflow.castBallot(ballot(OTHER_VOTER, "FOR"));

    ProposalResult result = result();

    assertThat(result.stage()).isEqualTo(ProposalStage.DEFEATED);
    assertThat(result.reason()).contains("defeated: for 60");
    assertThat(governor.eta).isZero();
    verify(platform, never()).applyParameters(any());
    recordHistory("defeated");
  }

  @Test
  void proposal_expiredOnChain_endsExpired() {
    governor.createNow();
    governor.expires = true;
    start(null);

    assertThat(result().stage()).isEqualTo(ProposalStage.EXPIRED);
  }

  @Test
  void proposal_canceledByTheGuardianDuringTheTimelock_endsCanceled_withoutExecuting()
      throws IOException {
    governor.createNow();
    start(null);
    untilActive();
    workflow.castBallot(ballot(VOTER, "FOR"));
    env.sleep(Duration.ofSeconds(FakeGovernor.VOTING_PERIOD + 2));
    assertThat(workflow.getState().stage()).isEqualTo(ProposalStage.QUEUED);

    governor.canceled = true;
    workflow.chainChanged(new ChainChange("Cancelled", "0xveto"));

    ProposalResult result = result();
    assertThat(result.stage()).isEqualTo(ProposalStage.CANCELED);
    assertThat(governor.executed).isFalse();
    recordHistory("guardian-canceled");
  }

  @Test
  void signedProposal_isSubmitted_thenFollowed() {
    start(new ProposalInput.Signature(Ballots.PROPOSER, "0", 2_000_000_000L, "0xsig"));
    untilActive();

    assertThat(workflow.getState().stage()).isEqualTo(ProposalStage.ACTIVE);
    assertThat(workflow.getState().proposer()).isEqualTo(Ballots.PROPOSER);
  }

  @Test
  void signedProposal_refused_endsRefused_withTheReason() throws IOException {
    governor.submitRefusal = "the proposer's votes 10 are below the proposal threshold 1000";
    start(new ProposalInput.Signature(Ballots.PROPOSER, "0", 2_000_000_000L, "0xsig"));

    ProposalResult result = result();

    assertThat(result.stage()).isEqualTo(ProposalStage.REFUSED);
    assertThat(result.reason()).isEqualTo(governor.submitRefusal);
    assertThat(recordedActions()).contains("governance.proposal-refused");
    recordHistory("refused");
  }

  // ---------------------------------------------------------------------------------- ballots

  @Test
  void ballot_forAnotherProposal_isRefused() {
    governor.createNow();
    start(null);
    untilActive();
    BallotCommand other =
        ballot(
            VOTER,
            "FOR",
            FakeGovernor.CHAIN_ID,
            FakeGovernor.GOVERNOR,
            Ballots.calls("another proposal").proposalId());

    assertRefused(other, "signature does not match voter");
    BallotCommand misdirected =
        new BallotCommand("42", address(VOTER), "FOR", "0", other.signature(), "alice");
    assertRefused(misdirected, "the ballot is for proposal 42");
  }

  @Test
  void ballot_forAnotherChainOrGovernor_isRefused() {
    governor.createNow();
    start(null);
    untilActive();

    assertRefused(
        ballot(VOTER, "FOR", 1, FakeGovernor.GOVERNOR, CALLS.proposalId()),
        "(wrong proposal, chain or governor?)".substring(1, 30));
    assertRefused(
        ballot(
            VOTER,
            "FOR",
            FakeGovernor.CHAIN_ID,
            "0x0000000000000000000000000000000000000001",
            CALLS.proposalId()),
        "signature does not match voter");
    assertThat(governor.relays).isZero();
  }

  @Test
  void ballot_malformedOrHighS_isRefused() {
    governor.createNow();
    start(null);
    untilActive();
    BallotCommand good = ballot(VOTER, "FOR");

    assertRefused(Ballots.withSignature(good, "0x1234"), "malformed signature");
    assertRefused(Ballots.withSignature(good, Ballots.highS(good.signature())), "high s value");
    assertThat(governor.relays).isZero();
  }

  @Test
  void ballot_byANonStaker_isRefused_andAudited() {
    governor.createNow();
    start(null);
    untilActive();

    assertRefused(ballot(NON_STAKER, "FOR"), "not a staker at the snapshot");
    Idle.await(env.getWorkflowClient(), WORKFLOW_ID);
    assertThat(recordedActions()).contains("governance.ballot-refused");
    assertThat(governor.relays).isZero();
  }

  @Test
  void ballot_twice_isRefused() {
    governor.createNow();
    start(null);
    untilActive();
    workflow.castBallot(ballot(VOTER, "FOR"));

    assertRefused(ballot(VOTER, "AGAINST"), "already voted");
    assertThat(governor.relays).isOne();
  }

  @Test
  void ballot_beforeTheVote_isRefused() {
    governor.createNow();
    start(null);
    env.sleep(Duration.ofSeconds(5));

    assertRefused(ballot(VOTER, "FOR"), "not active");
    assertThat(governor.relays).isZero();
  }

  // ---------------------------------------------------------------------------------- helpers

  private void start(ProposalInput.Signature signed) {
    ProposalInput input = new ProposalInput(CALLS, signed, "alice");
    workflow =
        env.getWorkflowClient()
            .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.startOptions(input).build());
    WorkflowClient.start(workflow::run, input);
  }

  /** Past the vote start: the workflow has confirmed ACTIVE. */
  private void untilActive() {
    env.sleep(Duration.ofSeconds(FakeGovernor.VOTING_DELAY + 3));
    assertThat(workflow.getState().stage()).isEqualTo(ProposalStage.ACTIVE);
  }

  private ProposalResult result() {
    return WorkflowStub.fromTyped(workflow).getResult(ProposalResult.class);
  }

  private void assertRefused(BallotCommand ballot, String reason) {
    assertThatThrownBy(() -> workflow.castBallot(ballot))
        .isInstanceOf(WorkflowException.class)
        .satisfies(e -> assertThat(UpdateRefusals.reason((WorkflowException) e)).contains(reason));
  }

  private List<String> recordedActions() {
    ArgumentCaptor<ProposalProgress> progress = ArgumentCaptor.forClass(ProposalProgress.class);
    verify(platform, atLeastOnce()).recordProposal(progress.capture());
    return progress.getAllValues().stream().map(p -> p.step().action()).toList();
  }

  private void recordHistory(String scenario) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    Path file = Path.of("src/test/resources/histories/proposal", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, env.getWorkflowClient().fetchHistory(WORKFLOW_ID).toJson(true));
  }
}
