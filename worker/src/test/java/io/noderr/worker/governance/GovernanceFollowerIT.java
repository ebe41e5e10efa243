package io.noderr.worker.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.noderr.activities.governance.BallotCheck;
import io.noderr.activities.governance.BallotEligibility;
import io.noderr.activities.governance.BallotRelay;
import io.noderr.activities.governance.ExecutionQuery;
import io.noderr.activities.governance.GovernanceFailures;
import io.noderr.activities.governance.GovernanceTransaction;
import io.noderr.activities.governance.ParameterApplication;
import io.noderr.activities.governance.ParameterChanges;
import io.noderr.activities.governance.ProposalCalls;
import io.noderr.activities.governance.ProposalQuery;
import io.noderr.activities.governance.ProposalToSubmit;
import io.noderr.activities.governance.RelayedBallot;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.devchain.StakedOperators;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import io.noderr.registry.governance.GovernanceLedger;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.GovernanceStakes;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.registry.governance.ProposalStatus;
import io.noderr.registry.governance.StakeRow;
import io.noderr.signing.CancelQueuedAction;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.ProposalIds;
import io.noderr.signing.Signatures;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.TestChain;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * The governance follower and the proposal activities on a real local EVM (ganache) with a fresh
 * governance deployment per test and a real PostgreSQL: operators stake, one proposes a parameter
 * change, a signed ballot is relayed, the proposal is queued and executed through the timelock, and
 * the read models, the parameter change and the platform's applied value follow.
 */
class GovernanceFollowerIT {

  @RegisterExtension static final TestChain TEST_CHAIN = new TestChain();

  private static final String PASSWORD = TestChain.PASSWORD;
  private static final Duration VOTING_DELAY = Duration.ofSeconds(10);
  private static final Duration VOTING_PERIOD = Duration.ofMinutes(5);
  private static final Duration PARAMETER_DELAY = Duration.ofMinutes(1);

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static DevChain chain;
  private static Path keystore;

  private final GovernanceLedger ledger = db.bean(GovernanceLedger.class);
  private final GovernanceProposals proposals = db.bean(GovernanceProposals.class);
  private final GovernanceStakes stakes = db.bean(GovernanceStakes.class);
  private final GovernanceParameters parameters = db.bean(GovernanceParameters.class);

  private DemoDeployment deployment;
  private DemoGovernance governance;
  private ChainBeacon beacon;
  private ChainGovernance chainGovernance;
  private GovernanceFollower follower;
  private TestWorkflowEnvironment temporal;
  private GovernanceChainActivitiesImpl activities;

  @BeforeAll
  static void useTheChain() throws Exception {
    chain = TEST_CHAIN.chain();
    keystore = TEST_CHAIN.senderKeystore();
  }

  @BeforeEach
  void deployAndFollow() throws Exception {
    deployment = DemoDeployment.deploy(chain);
    governance =
        TEST_CHAIN.deployGovernance(
            deployment.multisig(),
            VOTING_DELAY,
            VOTING_PERIOD,
            List.of(PARAMETER_DELAY, Duration.ofMinutes(10), Duration.ofMinutes(30)));
    GovernanceProperties properties = TEST_CHAIN.governance(governance);
    beacon = ChainBeacon.connect(beaconProperties(deployment), true);
    chainGovernance = new ChainGovernance(beacon, properties);
    temporal = TestEnvironments.newInstance();
    follower =
        new GovernanceFollower(
            chainGovernance, ledger, temporal.getWorkflowClient(), properties, 2000);
    follower.start();
    activities =
        new GovernanceChainActivitiesImpl(
            chainGovernance,
            new StaticListableBeanFactory().getBeanProvider(ProposalSubmitter.class),
            proposals,
            ledger);
  }

  @AfterEach
  void stop() {
    follower.stop();
    beacon.close();
    temporal.close();
  }

  @Test
  void stakeProposeVoteQueueExecute_fillsTheReadModels_andAppliesTheParameter() throws Exception {
    StakedOperators operators = new StakedOperators(chain, governance);
    ECKeyPair alice = operators.create(5_000);
    ECKeyPair bob = operators.create(2_000);
    operators.staking(bob).requestUnbond(GovernanceSettings.nodr(500)).send();
    chain.advanceTime(Duration.ofSeconds(2));

    ProposalCalls calls = canaryTo(10, "Canary 10 %");
    operators
        .governor(alice)
        .propose(
            calls.targets(),
            List.of(BigInteger.ZERO),
            List.of(Numeric.hexStringToByteArray(calls.calldatas().getFirst())),
            calls.description())
        .send();

    ProposalRow pending = awaitProposal(calls.proposalId(), ProposalStatus.PENDING);
    assertThat(pending.proposer()).isEqualTo(address(alice));
    assertThat(pending.tier()).isEqualTo("PARAMETER");
    assertThat(pending.description()).isEqualTo("Canary 10 %");
    assertThat(pending.calldatas()).isEqualTo(calls.calldatas());
    assertThat(workflowStatus(calls.proposalId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    StakeRow aliceStake = stakes.of(address(alice)).orElseThrow();
    assertThat(aliceStake.active()).isEqualTo(GovernanceSettings.nodr(5_000));
    assertThat(aliceStake.votingPower()).isEqualTo(GovernanceSettings.nodr(5_000));
    StakeRow bobStake = stakes.of(address(bob)).orElseThrow();
    assertThat(bobStake.active()).isEqualTo(GovernanceSettings.nodr(1_500));
    assertThat(bobStake.unbonding()).isEqualTo(GovernanceSettings.nodr(500));
    assertThat(bobStake.unbondingReadyAt()).isNotNull();
    assertThat(bobStake.votingPower()).isEqualTo(GovernanceSettings.nodr(1_500));
    assertThat(parameters.onChain())
        .anySatisfy(
            p -> {
              assertThat(p.name()).isEqualTo("rollout.canaryPercent");
              assertThat(p.value()).isEqualTo(BigInteger.valueOf(5));
            });

    chain.advanceTime(VOTING_DELAY.plusSeconds(1));
    assertThat(activities.readProposal(new ProposalQuery(calls.proposalId())).state())
        .isEqualTo("ACTIVE");
    BallotEligibility eligibility =
        activities.checkBallot(new BallotCheck(calls.proposalId(), address(alice)));
    assertThat(eligibility.votesAtSnapshot()).isEqualTo(GovernanceSettings.nodr(5_000).toString());
    assertThat(eligibility.hasVoted()).isFalse();
    assertThat(eligibility.nonce()).isEqualTo("0");

    BallotRelay ballot = ballot(alice, calls.proposalId(), GovernorBallot.FOR, BigInteger.ZERO);
    RelayedBallot relayed = activities.relayBallot(ballot);

    assertThat(relayed.weight()).isEqualTo(GovernanceSettings.nodr(5_000).toString());
    assertThatThrownBy(() -> activities.relayBallot(ballot))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("the governor refused")
        .satisfies(
            e ->
                assertThat(((ApplicationFailure) e).getType())
                    .isEqualTo(GovernanceFailures.BALLOT_REFUSED));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !proposals.votes(calls.proposalId()).isEmpty());
    assertThat(proposals.votes(calls.proposalId()).getFirst().support()).isEqualTo("FOR");
    assertThat(proposals.find(calls.proposalId()).orElseThrow().forVotes())
        .isEqualTo(GovernanceSettings.nodr(5_000));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> proposals.nonceOf(address(alice)).equals(BigInteger.ONE));

    chain.advanceTime(VOTING_PERIOD.plusSeconds(1));
    assertThat(activities.readProposal(new ProposalQuery(calls.proposalId())).state())
        .isEqualTo("SUCCEEDED");
    GovernanceTransaction queued = activities.queueProposal(calls);
    assertThat(queued.alreadyDone()).isFalse();
    assertThat(activities.queueProposal(calls).alreadyDone()).isTrue();
    ProposalRow queuedRow = awaitProposal(calls.proposalId(), ProposalStatus.QUEUED);
    assertThat(queuedRow.eta()).isNotNull();
    assertThat(queuedRow.queuedOperationId()).matches("0x[0-9a-f]{64}");
    assertThatThrownBy(() -> activities.executeProposal(calls))
        .hasMessageContaining("TierDelayNotElapsed");

    chain.advanceTime(PARAMETER_DELAY.plusSeconds(1));
    GovernanceTransaction executed = activities.executeProposal(calls);
    assertThat(executed.transactionHash()).matches("0x[0-9a-f]{64}");
    awaitProposal(calls.proposalId(), ProposalStatus.EXECUTED);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                parameters.onChain().stream()
                    .anyMatch(
                        p ->
                            p.name().equals("rollout.canaryPercent")
                                && p.value().equals(BigInteger.TEN)));

    ParameterChanges changes =
        activities.parameterChanges(new ExecutionQuery(calls.proposalId(), null));
    assertThat(changes.transactionHash()).isEqualTo(executed.transactionHash());
    assertThat(changes.changes())
        .containsExactly(new ParameterChanges.Change("rollout.canaryPercent", "5", "10"));

    GovernancePlatformActivitiesImpl platform =
        new GovernancePlatformActivitiesImpl(
            parameters, proposals, db.bean(AutoDeployPolicies.class), db.bean(AuditLog.class));
    assertThat(
            platform
                .applyParameters(new ParameterApplication(calls.proposalId(), changes.changes()))
                .applied())
        .containsExactly(
            "rollout.canaryPercent = 10: the first cohort of new rollouts, in percent");
    assertThat(parameters.applied())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.value()).isEqualTo("10");
              assertThat(p.proposalId()).isEqualTo(calls.proposalId());
            });
    assertThat(db.bean(AuditLog.class).recentFor("rollout.canaryPercent", 5))
        .singleElement()
        .satisfies(
            e -> assertThat(e.actor()).isEqualTo("governance:proposal-" + calls.proposalId()));
  }

  @Test
  void guardianCancelDuringTheTimelock_marksTheProposalCanceled() throws Exception {
    StakedOperators operators = new StakedOperators(chain, governance);
    ECKeyPair alice = operators.create(5_000);
    chain.advanceTime(Duration.ofSeconds(2));
    ProposalCalls calls = canaryTo(20, "Canary 20 %");
    operators
        .governor(alice)
        .propose(
            calls.targets(),
            List.of(BigInteger.ZERO),
            List.of(Numeric.hexStringToByteArray(calls.calldatas().getFirst())),
            calls.description())
        .send();
    awaitProposal(calls.proposalId(), ProposalStatus.PENDING);
    chain.advanceTime(VOTING_DELAY.plusSeconds(1));
    activities.relayBallot(ballot(alice, calls.proposalId(), GovernorBallot.FOR, BigInteger.ZERO));
    chain.advanceTime(VOTING_PERIOD.plusSeconds(1));
    activities.queueProposal(calls);
    byte[] operation =
        Numeric.hexStringToByteArray(
            awaitProposal(calls.proposalId(), ProposalStatus.QUEUED).queuedOperationId());

    // The guardian (the demo multisig, 2 of 3) vetoes the queued operation on the timelock.
    NoderrMultisig multisig =
        NoderrMultisig.load(
            deployment.multisig().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
    long deadline =
        activities.readProposal(new ProposalQuery(calls.proposalId())).chainTime() + 3600;
    byte[] digest =
        new CancelQueuedAction(governance.timelock(), operation, multisig.nonce().send(), deadline)
            .digest(new MultisigDomain(DevChain.CHAIN_ID, deployment.multisig()));
    List<byte[]> signatures =
        DemoSigners.keys().stream()
            .limit(2)
            .sorted(Comparator.comparing(Signatures::addressOf))
            .map(key -> Numeric.hexStringToByteArray(Signatures.sign(digest, key)))
            .toList();
    multisig
        .cancelQueued(
            governance.timelock().value(), operation, BigInteger.valueOf(deadline), signatures)
        .send();

    ProposalRow canceled = awaitProposal(calls.proposalId(), ProposalStatus.CANCELED);
    assertThat(canceled.canceledTx()).matches("0x[0-9a-f]{64}");
    assertThat(activities.readProposal(new ProposalQuery(calls.proposalId())).state())
        .isEqualTo("CANCELED");
  }

  @Test
  void autoDeployParameter_switchesEveryTiersPolicy_once() {
    GovernancePlatformActivitiesImpl platform =
        new GovernancePlatformActivitiesImpl(
            parameters, proposals, db.bean(AutoDeployPolicies.class), db.bean(AuditLog.class));
    ParameterApplication on =
        new ParameterApplication(
            "7", List.of(new ParameterChanges.Change("rollout.autoDeploy", "0", "1")));

    platform.applyParameters(on);
    platform.applyParameters(on);

    assertThat(db.bean(AutoDeployPolicies.class).all())
        .allSatisfy(
            policy -> {
              assertThat(policy.enabled()).isTrue();
              assertThat(policy.updatedBy()).isEqualTo("governance:proposal-7");
            });
    assertThat(db.bean(AutoDeployPolicies.class).of(Tier.ORACLE).preset()).isEqualTo("canary");
    assertThat(db.bean(AuditLog.class).recentFor("rollout.autoDeploy", 5)).hasSize(1);
  }

  @Test
  void signedProposal_withoutASubmitter_isRefusedWithTheReason() {
    ProposalCalls calls = canaryTo(10, "no submitter");

    assertThatThrownBy(
            () ->
                activities.submitProposal(
                    new ProposalToSubmit(calls, governance.governor().value(), "0", 1, "0x")))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("cannot submit signed proposals");
  }

  // ---------------------------------------------------------------------------------- helpers

  private ProposalCalls canaryTo(long percent, String description) {
    String calldata =
        NoderrParameters.load(
                governance.parameters().value(), chain.web3j(), chain.transactions(), DevChain.GAS)
            .setParameter("rollout.canaryPercent", BigInteger.valueOf(percent))
            .encodeFunctionCall();
    BigInteger id =
        ProposalIds.of(
            List.of(governance.parameters()),
            List.of(BigInteger.ZERO),
            List.of(calldata),
            description);
    return new ProposalCalls(
        id.toString(),
        List.of(governance.parameters().value()),
        List.of("0"),
        List.of(calldata),
        description);
  }

  private BallotRelay ballot(ECKeyPair voter, String proposalId, int support, BigInteger nonce) {
    String signature =
        new GovernorBallot(
                DevChain.CHAIN_ID,
                governance.governor(),
                new BigInteger(proposalId),
                support,
                Signatures.addressOf(voter),
                nonce)
            .sign(voter);
    return new BallotRelay(proposalId, address(voter), support, nonce.toString(), signature);
  }

  private ProposalRow awaitProposal(String id, ProposalStatus state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> proposals.find(id).map(ProposalRow::state),
            found -> found.equals(Optional.of(state)));
    return proposals.find(id).orElseThrow();
  }

  private WorkflowExecutionStatus workflowStatus(String proposalId) {
    return temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub(ProposalWorkflow.workflowId(proposalId))
        .describe()
        .getStatus();
  }

  private static String address(ECKeyPair key) {
    return Signatures.addressOf(key).value();
  }

  private static BeaconProperties beaconProperties(DemoDeployment deployment) {
    return TEST_CHAIN.beacon(
        chain.rpcUrl(), DevChain.CHAIN_ID, deployment.multisig(), null, 6_000_000);
  }
}
