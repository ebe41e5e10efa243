package io.noderr.worker.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.emergency.CancelQueuedRequest;
import io.noderr.activities.emergency.EmergencyAction;
import io.noderr.activities.emergency.EmergencyFailures;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.activities.emergency.EmergencyProposal.QueuedOperation;
import io.noderr.activities.governance.BallotRelay;
import io.noderr.activities.governance.ProposalCalls;
import io.noderr.activities.governance.ProposalQuery;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.StakedOperators;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import io.noderr.registry.emergency.Emergencies;
import io.noderr.registry.emergency.EmergencyQuarantines;
import io.noderr.registry.emergency.TierHolds;
import io.noderr.registry.governance.GovernanceLedger;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.registry.governance.ProposalStatus;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.ProposalIds;
import io.noderr.signing.Signatures;
import io.noderr.worker.beacon.Beacon;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.LocalBeacon;
import io.noderr.worker.beacon.TestChain;
import io.noderr.worker.governance.ChainGovernance;
import io.noderr.worker.governance.GovernanceChainActivitiesImpl;
import io.noderr.worker.governance.GovernanceFollower;
import io.noderr.worker.governance.GovernancePlatformActivitiesImpl;
import io.noderr.worker.governance.GovernanceProperties;
import io.noderr.worker.governance.ProposalSubmitter;
import io.noderr.workflows.emergency.EmergencySignCommand;
import io.noderr.workflows.emergency.EmergencyStage;
import io.noderr.workflows.emergency.EmergencyState;
import io.noderr.workflows.emergency.EmergencyWorkflow;
import io.noderr.workflows.emergency.EmergencyWorkflowImpl;
import io.noderr.workflows.governance.ChainChange;
import io.noderr.workflows.governance.ProposalStage;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.noderr.workflows.governance.ProposalWorkflowImpl;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
 * The guardian's veto as an emergency the platform coordinates, on a real local EVM (ganache), a
 * real PostgreSQL and the Temporal test server: a proposal is queued on the timelock, a
 * VETO_PROPOSAL is proposed, the demo signers sign its CancelQueued digest up to the multisig's
 * threshold (one guardian alone does nothing), the platform relays {@code cancelQueued}, and the
 * governor, the read model and the proposal's own workflow say CANCELED. Refusals change nothing.
 */
class GuardianVetoIT {

  private static final Duration VOTING_DELAY = Duration.ofSeconds(10);
  private static final Duration VOTING_PERIOD = Duration.ofMinutes(5);
  private static final Duration PARAMETER_DELAY = Duration.ofMinutes(10);
  private static final String EMERGENCY = "emergency-1";

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();
  @RegisterExtension static final TestChain TEST_CHAIN = new TestChain();

  private static DevChain chain;

  private final GovernanceProposals proposals = db.bean(GovernanceProposals.class);

  private DemoDeployment deployment;
  private DemoGovernance governance;
  private ChainBeacon beacon;
  private GovernanceFollower follower;
  private TestWorkflowEnvironment temporal;
  private GovernanceChainActivitiesImpl governanceActivities;

  @BeforeAll
  static void useTheChain() {
    chain = TEST_CHAIN.chain();
  }

  /**
   * A fresh demo multisig (signers 1-3, 2 of 3, signer 1 the guardian) and governance whose
   * timelock names it canceller; the platform's worker runs the emergency and proposal workflows.
   */
  @BeforeEach
  void deployAndRun() throws Exception {
    deployment = DemoDeployment.deploy(chain);
    governance =
        TEST_CHAIN.deployGovernance(
            deployment.multisig(),
            VOTING_DELAY,
            VOTING_PERIOD,
            List.of(PARAMETER_DELAY, Duration.ofMinutes(20), Duration.ofMinutes(30)));
    GovernanceProperties properties = TEST_CHAIN.governance(governance);
    beacon = ChainBeacon.connect(beaconProperties(), true);
    ChainGovernance chainGovernance = new ChainGovernance(beacon, properties);
    temporal = TestEnvironments.newInstance();
    governanceActivities =
        new GovernanceChainActivitiesImpl(
            chainGovernance,
            new StaticListableBeanFactory().getBeanProvider(ProposalSubmitter.class),
            proposals,
            db.bean(GovernanceLedger.class));
    Worker platform = temporal.newWorker(TaskQueues.PLATFORM);
    platform.registerWorkflowImplementationTypes(
        EmergencyWorkflowImpl.class, ProposalWorkflowImpl.class);
    platform.registerActivitiesImplementations(
        emergencyActivities(beacon, temporal.getWorkflowClient()),
        governanceActivities,
        new GovernancePlatformActivitiesImpl(
            db.bean(GovernanceParameters.class),
            proposals,
            db.bean(AutoDeployPolicies.class),
            db.bean(AuditLog.class)));
    temporal.start();
    follower =
        new GovernanceFollower(
            chainGovernance,
            db.bean(GovernanceLedger.class),
            temporal.getWorkflowClient(),
            properties,
            2000);
    follower.start();
  }

  @AfterEach
  void stop() {
    follower.stop();
    temporal.close();
    beacon.close();
  }

  @Test
  void vetoProposal_signedUpToTheThreshold_cancelsTheQueuedProposal_oneGuardianCannot()
      throws Exception {
    ProposalCalls calls = proposeAndPass("Canary 20 %");
    // The proposal's own workflow queues it, as on the platform: its timer runs on Temporal's clock
    // while the test moved ganache's, so it is told to read the chain now.
    proposalWorkflow(calls).chainChanged(new ChainChange("VotingEnded", null));
    ProposalRow queued = awaitProposal(calls.proposalId(), ProposalStatus.QUEUED);
    assertThat(proposals.queued(10))
        .as("what the console's picker offers")
        .extracting(ProposalRow::proposalId)
        .containsExactly(calls.proposalId());
    NoderrMultisig multisig = multisig();
    BigInteger nonceBefore = multisig.nonce().send();

    EmergencyWorkflow veto = propose(veto(calls.proposalId(), queuedOperation(queued)));
    EmergencyState proposed = awaitStage(veto, EmergencyStage.AWAITING_SIGNATURES);
    assertThat(proposed.request().primaryType()).isEqualTo("CancelQueued");
    assertThat(proposed.request().required()).isEqualTo(2);
    assertThat(proposed.request().summary())
        .contains(
            "VETO governance proposal " + calls.proposalId() + ": Canary 20 %",
            "operation         " + queued.queuedOperationId(),
            "would execute at  " + queued.eta());

    EmergencyState afterGuardian = veto.sign(signature(DemoSigners.GUARDIAN, proposed));
    assertThat(afterGuardian.stage())
        .as("one guardian's signature does not veto")
        .isEqualTo(EmergencyStage.AWAITING_SIGNATURES);
    assertThat(multisig.nonce().send()).isEqualTo(nonceBefore);
    assertThat(governanceActivities.readProposal(query(calls)).state()).isEqualTo("QUEUED");

    veto.sign(signature(2, proposed));

    EmergencyState done = awaitStage(veto, EmergencyStage.DONE);
    assertThat(done.effects())
        .singleElement()
        .satisfies(e -> assertThat(e).contains("vetoed", queued.queuedOperationId()));
    assertThat(multisig.nonce().send()).isEqualTo(nonceBefore.add(BigInteger.ONE));
    assertThat(governanceActivities.readProposal(query(calls)).state()).isEqualTo("CANCELED");
    ProposalRow canceled = awaitProposal(calls.proposalId(), ProposalStatus.CANCELED);
    assertThat(canceled.canceledTx()).matches("0x[0-9a-f]{64}");
    assertThat(proposals.queued(10)).isEmpty();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                temporal
                    .getWorkflowClient()
                    .newUntypedWorkflowStub(ProposalWorkflow.workflowId(calls.proposalId()))
                    .describe()
                    .getStatus(),
            status -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(proposalWorkflow(calls).getState().stage()).isEqualTo(ProposalStage.CANCELED);
    assertThat(db.bean(Emergencies.class).find(EMERGENCY).orElseThrow().stage()).isEqualTo("DONE");
    assertThat(db.bean(AuditLog.class).recentFor(EMERGENCY, 20))
        .extracting(e -> e.action())
        .contains("emergency.proposed", "emergency.signed", "emergency.done");

    // Temporal retries an activity whose first attempt went through: nothing is sent twice.
    assertThat(
            beacon
                .cancelQueued(
                    new CancelQueuedRequest(
                        governance.timelock().value(),
                        queued.queuedOperationId(),
                        Instant.now().plus(Duration.ofHours(1)).getEpochSecond(),
                        List.of()))
                .alreadyDone())
        .isTrue();
  }

  @Test
  void vetoOfAProposalNotQueued_isRefusedByTheTimelock_andChangesNothing() throws Exception {
    ProposalCalls calls = proposeAndPass("Canary 30 %");
    String stateBefore = governanceActivities.readProposal(query(calls)).state();
    NoderrMultisig multisig = multisig();
    BigInteger nonceBefore = multisig.nonce().send();
    QueuedOperation notQueued =
        new QueuedOperation(
            governance.timelock().value(), "0x" + "ab".repeat(32), 0, "Canary 30 %", List.of());

    EmergencyWorkflow veto = propose(veto(calls.proposalId(), notQueued));
    EmergencyState proposed = awaitStage(veto, EmergencyStage.AWAITING_SIGNATURES);
    veto.sign(signature(2, proposed));
    veto.sign(signature(3, proposed));

    EmergencyState failed = awaitStage(veto, EmergencyStage.FAILED);
    assertThat(failed.reason())
        .contains("VETO_PROPOSAL was refused")
        .contains("TimelockUnexpectedOperationState");
    assertThat(multisig.nonce().send()).as("nothing was sent").isEqualTo(nonceBefore);
    assertThat(governanceActivities.readProposal(query(calls)).state())
        .isEqualTo(stateBefore)
        .isNotEqualTo("CANCELED");
    assertThat(proposals.find(calls.proposalId()).orElseThrow().canceledTx()).isNull();
  }

  @Test
  void withGovernanceOff_theVetoIsRefused_andThePostgreSqlBeaconRefusesToCancel() throws Exception {
    LocalBeacon local =
        new LocalBeacon(
            new BeaconProperties.Local(
                1337,
                DemoSigners.addresses(),
                DemoSigners.THRESHOLD,
                List.of(DemoSigners.addresses().get(DemoSigners.GUARDIAN - 1)),
                Duration.ofHours(24)),
            db.bean(LocalBeaconStore.class));
    QueuedOperation operation =
        new QueuedOperation(
            governance.timelock().value(), "0x" + "cd".repeat(32), 0, "Canary 40 %", List.of());

    assertThatThrownBy(
            () ->
                local.cancelQueued(
                    new CancelQueuedRequest(
                        operation.timelock(), operation.operationId(), 0, List.of())))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("GovernanceOff")
        .satisfies(
            e ->
                assertThat(((ApplicationFailure) e).getType())
                    .isEqualTo(EmergencyFailures.BEACON_REFUSED));

    try (TestWorkflowEnvironment off = TestEnvironments.newInstance()) {
      Worker worker = off.newWorker(TaskQueues.PLATFORM);
      worker.registerWorkflowImplementationTypes(EmergencyWorkflowImpl.class);
      worker.registerActivitiesImplementations(emergencyActivities(local, off.getWorkflowClient()));
      off.start();
      EmergencyProposal proposal = veto("42", operation);
      EmergencyWorkflow veto =
          off.getWorkflowClient()
              .newWorkflowStub(
                  EmergencyWorkflow.class,
                  EmergencyWorkflow.startOptions("emergency-off", proposal).build());
      WorkflowClient.start(veto::run, proposal);

      EmergencyState refused = awaitStage(veto, EmergencyStage.REFUSED);

      assertThat(refused.reason()).contains("governance is off");
      assertThat(refused.request()).isNull();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> db.bean(Emergencies.class).find("emergency-off").map(row -> row.stage()),
              stage -> stage.equals(Optional.of("REFUSED")));
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  /** Alice stakes, proposes a canary change and votes it through: the vote is over, it passed. */
  private ProposalCalls proposeAndPass(String description) throws Exception {
    StakedOperators operators = new StakedOperators(chain, governance);
    ECKeyPair alice = operators.create(5_000);
    chain.advanceTime(Duration.ofSeconds(2));
    ProposalCalls calls = canaryTo(description);
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
    governanceActivities.relayBallot(ballot(alice, calls.proposalId()));
    chain.advanceTime(VOTING_PERIOD.plusSeconds(1));
    assertThat(governanceActivities.readProposal(query(calls)).state())
        .as("passed (its workflow may have queued it already)")
        .isIn("SUCCEEDED", "QUEUED");
    return calls;
  }

  /** What the console carries into the proposal after checking the read model. */
  private QueuedOperation queuedOperation(ProposalRow row) {
    return new QueuedOperation(
        governance.timelock().value(),
        row.queuedOperationId(),
        row.eta().getEpochSecond(),
        row.description(),
        List.of("rollout.canaryPercent → 20"));
  }

  private EmergencyProposal veto(String proposalId, QueuedOperation operation) {
    return new EmergencyProposal(
        EmergencyAction.VETO_PROPOSAL,
        List.of(),
        null,
        null,
        List.of(),
        null,
        List.of(),
        0,
        "the canary change was rushed",
        "signer-1",
        Instant.now().plus(Duration.ofHours(6)).getEpochSecond(),
        null,
        proposalId,
        operation);
  }

  private EmergencyWorkflow propose(EmergencyProposal proposal) {
    EmergencyWorkflow emergency =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                EmergencyWorkflow.class,
                EmergencyWorkflow.startOptions(EMERGENCY, proposal).build());
    WorkflowClient.start(emergency::run, proposal);
    return emergency;
  }

  /** Polls the query (a query does not unlock the test server's time skipping). */
  private static EmergencyState awaitStage(EmergencyWorkflow emergency, EmergencyStage stage) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> emergency.getState().stage(), current -> current == stage);
    return emergency.getState();
  }

  /** Demo signer {@code number}'s signature over the request's digest, as a wallet makes it. */
  private static EmergencySignCommand signature(int number, EmergencyState state) {
    byte[] digest = HexFormat.of().parseHex(state.request().digest().substring(2));
    ECKeyPair key = DemoSigners.key(number);
    return new EmergencySignCommand(
        Signatures.addressOf(key).value(), Signatures.sign(digest, key), "signer-" + number);
  }

  private EmergencyActivitiesImpl emergencyActivities(Beacon on, WorkflowClient client) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    return new EmergencyActivitiesImpl(
        on,
        db.bean(Emergencies.class),
        db.bean(TierHolds.class),
        db.bean(EmergencyQuarantines.class),
        new DeploymentBrakes(db.bean(Rollouts.class), client),
        db.bean(AuditLog.class),
        new ObjectMapper(),
        meters,
        new EmergencyMeters(meters));
  }

  private NoderrMultisig multisig() {
    return NoderrMultisig.load(
        deployment.multisig().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  private ProposalCalls canaryTo(String description) {
    String calldata =
        NoderrParameters.load(
                governance.parameters().value(), chain.web3j(), chain.transactions(), DevChain.GAS)
            .setParameter("rollout.canaryPercent", BigInteger.valueOf(20))
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

  private BallotRelay ballot(ECKeyPair voter, String proposalId) {
    String signature =
        new GovernorBallot(
                DevChain.CHAIN_ID,
                governance.governor(),
                new BigInteger(proposalId),
                GovernorBallot.FOR,
                Signatures.addressOf(voter),
                BigInteger.ZERO)
            .sign(voter);
    return new BallotRelay(
        proposalId,
        Signatures.addressOf(voter).value(),
        GovernorBallot.FOR,
        BigInteger.ZERO.toString(),
        signature);
  }

  private ProposalWorkflow proposalWorkflow(ProposalCalls calls) {
    return temporal
        .getWorkflowClient()
        .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.workflowId(calls.proposalId()));
  }

  private static ProposalQuery query(ProposalCalls calls) {
    return new ProposalQuery(calls.proposalId());
  }

  private ProposalRow awaitProposal(String id, ProposalStatus state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> proposals.find(id).map(ProposalRow::state),
            found -> found.equals(Optional.of(state)));
    return proposals.find(id).orElseThrow();
  }

  private BeaconProperties beaconProperties() {
    return TEST_CHAIN.beacon(
        chain.rpcUrl(), DevChain.CHAIN_ID, deployment.multisig(), null, 6_000_000);
  }
}
