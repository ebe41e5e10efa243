package io.noderr.contracts.governance;

import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static io.noderr.contracts.governance.StakingIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrTimelock;
import io.noderr.contracts.governance.GovernanceFixture.Operator;
import io.noderr.signing.Address;
import io.noderr.signing.CancelQueuedAction;
import io.noderr.signing.GovernorBallot;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.utils.Numeric;

/**
 * NoderrGovernor with its timelock on ganache: the whole lifecycle of a parameter change with
 * ballots signed off chain by the voters' keys and relayed by someone else, votes counted at the
 * snapshot, a defeated proposal, the guardian's cancel and its limits, and the risk tiers' own
 * quorums and delays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernorIT {

  private static final BigInteger PENDING = BigInteger.ZERO;
  private static final BigInteger ACTIVE = BigInteger.ONE;
  private static final BigInteger CANCELED = BigInteger.TWO;
  private static final BigInteger DEFEATED = BigInteger.valueOf(3);
  private static final BigInteger SUCCEEDED = BigInteger.valueOf(4);
  private static final BigInteger QUEUED = BigInteger.valueOf(5);
  private static final BigInteger EXECUTED = BigInteger.valueOf(7);
  private static final BigInteger PARAMETER_TIER = BigInteger.ZERO;
  private static final BigInteger TREASURY_TIER = BigInteger.ONE;
  private static final BigInteger CONTRACT_TIER = BigInteger.TWO;
  private static final String CANARY = "rollout.canaryPercent";

  private DevChain chain;
  private GovernanceFixture f;

  @BeforeAll
  void startChain() throws Exception {
    chain = DevChain.start();
  }

  @AfterAll
  void stopChain() {
    chain.close();
  }

  @BeforeEach
  void deploy() throws Exception {
    f = new GovernanceFixture(chain);
  }

  @Test
  void parameterChange_proposedVotedBySignatureQueuedAndExecuted_changesTheRegistry()
      throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(6_000));
    Operator bob = f.operator(nodr(10_000), nodr(4_000));
    Operator late = f.operator(nodr(50_000), BigInteger.ZERO);
    Proposal proposal =
        new Proposal(
            "canary 10 %",
            Call.of(f.parameters, f.parameters.setParameter(CANARY, BigInteger.TEN)));

    BigInteger id = proposal.propose(alice);

    assertThat(state(id)).isEqualTo(PENDING);
    assertThat(f.governor.proposalTier(id).send()).isEqualTo(PARAMETER_TIER);
    openVoting();
    assertThat(state(id)).isEqualTo(ACTIVE);
    late.staking().stake(nodr(50_000)).send();

    // The platform (the chain's sender) relays ballots the voters signed with their own keys.
    GovernorBallot aliceFor = ballot(id, GovernorBallot.FOR, alice);
    byte[] aliceSignature = Numeric.hexStringToByteArray(aliceFor.sign(alice.key()));
    TransactionReceipt relayed =
        f.governor.castVoteBySig(id, BigInteger.ONE, alice.address(), aliceSignature).send();
    NoderrGovernor.VoteCastEventResponse vote = NoderrGovernor.getVoteCastEvents(relayed).get(0);
    assertThat(vote.voter).isEqualTo(alice.address());
    assertThat(vote.weight).isEqualTo(nodr(6_000));
    assertRefused(
        () -> f.governor.castVoteBySig(id, BigInteger.ONE, alice.address(), aliceSignature).send());
    byte[] bobSignature =
        Numeric.hexStringToByteArray(ballot(id, GovernorBallot.FOR, bob).sign(bob.key()));
    assertRefused(
        () -> f.governor.castVoteBySig(id, BigInteger.ZERO, bob.address(), bobSignature).send());
    f.governor.castVoteBySig(id, BigInteger.ONE, bob.address(), bobSignature).send();
    // Stake added after the snapshot does not vote on this proposal.
    TransactionReceipt lateVote = late.governor().castVote(id, BigInteger.ONE).send();
    assertThat(NoderrGovernor.getVoteCastEvents(lateVote).get(0).weight).isZero();
    assertThat(f.governor.proposalVotes(id).send().component2()).isEqualTo(nodr(10_000));

    chain.advanceTime(GovernanceFixture.VOTING_PERIOD);
    assertThat(state(id)).isEqualTo(SUCCEEDED);
    proposal.queue();
    assertThat(state(id)).isEqualTo(QUEUED);
    assertRefused(proposal::execute);

    chain.advanceTime(GovernanceFixture.PARAMETER_DELAY);
    proposal.execute();

    assertThat(state(id)).isEqualTo(EXECUTED);
    assertThat(f.parameters.valueOf(CANARY).send()).isEqualTo(BigInteger.TEN);
  }

  @Test
  void proposal_withMoreStakeAgainst_isDefeated_andCannotBeQueued() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(2_000));
    Operator bob = f.operator(nodr(10_000), nodr(8_000));
    Proposal proposal =
        new Proposal(
            "canary 2 %", Call.of(f.parameters, f.parameters.setParameter(CANARY, BigInteger.TWO)));
    BigInteger id = proposal.propose(alice);
    openVoting();

    alice.governor().castVote(id, BigInteger.ONE).send();
    bob.governor().castVote(id, BigInteger.ZERO).send();
    chain.advanceTime(GovernanceFixture.VOTING_PERIOD);

    assertThat(state(id)).isEqualTo(DEFEATED);
    assertRefused(proposal::queue);
    assertThat(f.parameters.valueOf(CANARY).send()).isEqualTo(BigInteger.valueOf(5));
  }

  @Test
  void proposing_belowTheThreshold_isRefused() throws Exception {
    Operator small = f.operator(nodr(10_000), nodr(999));
    Proposal proposal =
        new Proposal(
            "too small", Call.of(f.parameters, f.parameters.setParameter(CANARY, BigInteger.TWO)));
    chain.advanceTime(Duration.ofSeconds(1));

    assertRefused(() -> proposal.propose(small));
  }

  @Test
  void guardian_cancelsAQueuedProposal_duringTheTimelock() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(10_000));
    Proposal proposal =
        new Proposal(
            "canary 2 %", Call.of(f.parameters, f.parameters.setParameter(CANARY, BigInteger.TWO)));
    BigInteger id = proposal.propose(alice);
    TransactionReceipt queued = passAndQueue(proposal, id, alice);
    byte[] operation = NoderrTimelock.getCallScheduledEvents(queued).get(0).id;
    String timelock = f.timelock.getContractAddress();
    BigInteger deadline = f.inAnHour();
    // The signers sign the digest computed off chain, which is the contract's own.
    byte[] digest =
        new CancelQueuedAction(
                Address.of(timelock), operation, f.multisigNonce(), deadline.longValueExact())
            .digest(f.multisigDomain());
    assertThat(digest)
        .isEqualTo(
            f.multisig.cancelQueuedDigest(timelock, operation, f.multisigNonce(), deadline).send());

    f.multisig.cancelQueued(timelock, operation, deadline, f.multisigSignatures(digest)).send();

    assertThat(state(id)).isEqualTo(CANCELED);
    chain.advanceTime(GovernanceFixture.PARAMETER_DELAY);
    assertRefused(proposal::execute);
    assertThat(f.parameters.valueOf(CANARY).send()).isEqualTo(BigInteger.valueOf(5));
  }

  @Test
  void guardian_mayOnlyCancel_neverProposeExecuteOrChangeParameters() throws Exception {
    String multisig = f.multisig.getContractAddress();
    String deployer = chain.sender().getAddress();

    assertThat(f.timelock.hasRole(f.timelock.CANCELLER_ROLE().send(), multisig).send()).isTrue();
    assertThat(f.timelock.hasRole(f.timelock.PROPOSER_ROLE().send(), multisig).send()).isFalse();
    assertThat(f.timelock.hasRole(f.timelock.EXECUTOR_ROLE().send(), multisig).send()).isFalse();
    assertThat(f.timelock.hasRole(f.timelock.DEFAULT_ADMIN_ROLE().send(), multisig).send())
        .isFalse();
    // Nobody but the timelock itself administers the roles: the deployer gave its admin role up.
    assertThat(f.timelock.hasRole(f.timelock.DEFAULT_ADMIN_ROLE().send(), deployer).send())
        .isFalse();
    String governor = f.governor.getContractAddress();
    assertThat(f.timelock.hasRole(f.timelock.PROPOSER_ROLE().send(), governor).send()).isTrue();
    assertThat(f.timelock.hasRole(f.timelock.EXECUTOR_ROLE().send(), governor).send()).isTrue();
    assertThat(f.parameters.owner().send()).isEqualTo(f.timelock.getContractAddress());
    // The multisig holds no stake, so it has no votes and cannot reach the proposal threshold.
    assertThat(f.staking.getVotes(multisig).send()).isZero();
    // Scheduling or executing directly on the timelock is refused to anyone without the role.
    byte[] call =
        Numeric.hexStringToByteArray(
            f.parameters.setParameter(CANARY, BigInteger.TWO).encodeFunctionCall());
    byte[] zero = new byte[32];
    String registry = f.parameters.getContractAddress();
    assertRefused(
        () ->
            f.timelock
                .schedule(registry, BigInteger.ZERO, call, zero, zero, BigInteger.valueOf(3600))
                .send());
    assertRefused(
        () ->
            f.timelock
                .execute(registry, BigInteger.ZERO, call, zero, zero, BigInteger.ZERO)
                .send());
  }

  @Test
  void tiers_haveTheirOwnQuorums() throws Exception {
    Operator small = f.operator(nodr(10_000), nodr(5_000));
    f.operator(nodr(45_000), nodr(45_000));
    Proposal parameter =
        new Proposal(
            "tweak", Call.of(f.parameters, f.parameters.setParameter(CANARY, BigInteger.TWO)));
    Proposal treasury =
        new Proposal(
            "pay 100 NODR", Call.of(f.token, f.token.transfer(small.address(), nodr(100))));
    Proposal contract =
        new Proposal(
            "raise the threshold",
            Call.of(f.governor, f.governor.setProposalThreshold(nodr(2_000))));
    BigInteger parameterId = parameter.propose(small);
    BigInteger treasuryId = treasury.propose(small);
    BigInteger contractId = contract.propose(small);
    openVoting();

    for (BigInteger id : List.of(parameterId, treasuryId, contractId)) {
      small.governor().castVote(id, BigInteger.ONE).send();
    }
    chain.advanceTime(GovernanceFixture.VOTING_PERIOD);

    assertThat(f.governor.proposalTier(treasuryId).send()).isEqualTo(TREASURY_TIER);
    assertThat(f.governor.proposalTier(contractId).send()).isEqualTo(CONTRACT_TIER);
    BigInteger snapshot = f.governor.proposalSnapshot(parameterId).send();
    assertThat(f.governor.tierQuorum(PARAMETER_TIER, snapshot).send()).isEqualTo(nodr(5_000));
    assertThat(f.governor.tierQuorum(TREASURY_TIER, snapshot).send()).isEqualTo(nodr(10_000));
    assertThat(f.governor.tierQuorum(CONTRACT_TIER, snapshot).send()).isEqualTo(nodr(16_500));
    // 5,000 of 50,000 staked voted For: enough for a parameter tweak (10 %), not for the others.
    assertThat(state(parameterId)).isEqualTo(SUCCEEDED);
    assertThat(state(treasuryId)).isEqualTo(DEFEATED);
    assertThat(state(contractId)).isEqualTo(DEFEATED);
  }

  @Test
  void contractTier_waitsItsOwnDelay_thenTheTimelockSlashes_andChangesTheGovernor()
      throws Exception {
    Operator alice = f.operator(nodr(40_000), nodr(40_000));
    Operator bob = f.operator(nodr(10_000), nodr(10_000));
    Proposal proposal =
        new Proposal(
            "slash bob, raise the threshold",
            Call.of(f.staking, f.staking.slash(bob.address(), nodr(1_000))),
            Call.of(f.governor, f.governor.setProposalThreshold(nodr(2_000))));
    BigInteger id = proposal.propose(alice);

    TransactionReceipt queued = passAndQueue(proposal, id, alice);

    assertThat(f.governor.proposalTier(id).send()).isEqualTo(CONTRACT_TIER);
    assertThat(f.governor.proposalEta(id).send())
        .isEqualTo(blockTime(queued).add(seconds(GovernanceFixture.CONTRACT_DELAY)));
    // The timelock's own (parameter-tier) delay has passed; the contract tier's has not.
    chain.advanceTime(GovernanceFixture.TREASURY_DELAY);
    assertRefused(proposal::execute);

    chain.advanceTime(GovernanceFixture.CONTRACT_DELAY);
    proposal.execute();

    assertThat(state(id)).isEqualTo(EXECUTED);
    assertThat(f.staking.stakeOf(bob.address()).send()).isEqualTo(nodr(9_000));
    assertThat(f.token.balanceOf(f.timelock.getContractAddress()).send()).isEqualTo(nodr(1_000));
    assertThat(f.governor.proposalThreshold().send()).isEqualTo(nodr(2_000));
  }

  @Test
  void treasurySpend_waitsTheTreasuryDelay_andPaysFromTheTimelock() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(10_000));
    Operator payee = f.operator(BigInteger.ZERO, BigInteger.ZERO);
    f.token.mint(f.timelock.getContractAddress(), nodr(5_000)).send();
    Proposal proposal =
        new Proposal(
            "pay 500 NODR", Call.of(f.token, f.token.transfer(payee.address(), nodr(500))));
    BigInteger id = proposal.propose(alice);

    TransactionReceipt queued = passAndQueue(proposal, id, alice);

    assertThat(f.governor.proposalTier(id).send()).isEqualTo(TREASURY_TIER);
    assertThat(f.governor.proposalEta(id).send())
        .isEqualTo(blockTime(queued).add(seconds(GovernanceFixture.TREASURY_DELAY)));
    chain.advanceTime(GovernanceFixture.PARAMETER_DELAY);
    assertRefused(proposal::execute);
    chain.advanceTime(GovernanceFixture.TREASURY_DELAY);
    proposal.execute();
    assertThat(f.token.balanceOf(payee.address()).send()).isEqualTo(nodr(500));
    assertThat(f.token.balanceOf(f.timelock.getContractAddress()).send()).isEqualTo(nodr(4_500));
  }

  @Test
  void outOfRangeValue_passedByVote_isStillRefusedByTheRegistry() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(10_000));
    Proposal proposal =
        new Proposal(
            "canary 90 %",
            Call.of(f.parameters, f.parameters.setParameter(CANARY, BigInteger.valueOf(90))));
    BigInteger id = proposal.propose(alice);
    passAndQueue(proposal, id, alice);
    chain.advanceTime(GovernanceFixture.PARAMETER_DELAY);

    assertRefused(proposal::execute);

    assertThat(state(id)).isEqualTo(QUEUED);
    assertThat(f.parameters.valueOf(CANARY).send()).isEqualTo(BigInteger.valueOf(5));
  }

  /** Votes For with {@code voter} alone, lets the voting period end and queues the proposal. */
  private TransactionReceipt passAndQueue(Proposal proposal, BigInteger id, Operator voter)
      throws Exception {
    openVoting();
    voter.governor().castVote(id, BigInteger.ONE).send();
    chain.advanceTime(GovernanceFixture.VOTING_PERIOD);
    assertThat(state(id)).isEqualTo(SUCCEEDED);
    return proposal.queue();
  }

  private BigInteger blockTime(TransactionReceipt receipt) throws Exception {
    return chain
        .web3j()
        .ethGetBlockByHash(receipt.getBlockHash(), false)
        .send()
        .getBlock()
        .getTimestamp();
  }

  private static BigInteger seconds(Duration duration) {
    return BigInteger.valueOf(duration.toSeconds());
  }

  private GovernorBallot ballot(BigInteger id, int support, Operator voter) throws Exception {
    return new GovernorBallot(
        DevChain.CHAIN_ID,
        Address.of(f.governor.getContractAddress()),
        id,
        support,
        Address.of(voter.address()),
        f.governor.nonces(voter.address()).send());
  }

  private void openVoting() throws Exception {
    chain.advanceTime(GovernanceFixture.VOTING_DELAY.plusSeconds(1));
  }

  private BigInteger state(BigInteger id) throws Exception {
    return f.governor.state(id).send();
  }

  /** One call of a proposal: the contract and the ABI-encoded function call. */
  private record Call(String target, byte[] data) {
    static Call of(Contract contract, RemoteFunctionCall<?> function) {
      return new Call(
          contract.getContractAddress(),
          Numeric.hexStringToByteArray(function.encodeFunctionCall()));
    }
  }

  /** One proposal's calls and description, as propose, queue and execute all take them. */
  private final class Proposal {
    private final List<String> targets;
    private final List<BigInteger> values;
    private final List<byte[]> calldatas;
    private final String description;

    Proposal(String description, Call... calls) {
      this.targets = Stream.of(calls).map(Call::target).toList();
      this.values = Stream.of(calls).map(c -> BigInteger.ZERO).toList();
      this.calldatas = Stream.of(calls).map(Call::data).toList();
      this.description = description;
    }

    /**
     * Governor reads the proposer's votes one clock tick back (a second here): the chain's clock
     * moves on first, so stake from the test's setup counts.
     */
    BigInteger propose(Operator proposer) throws Exception {
      chain.advanceTime(Duration.ofSeconds(1));
      proposer.governor().propose(targets, values, calldatas, description).send();
      return f.governor.hashProposal(targets, values, calldatas, descriptionHash()).send();
    }

    TransactionReceipt queue() throws Exception {
      return f.governor.queue(targets, values, calldatas, descriptionHash()).send();
    }

    void execute() throws Exception {
      f.governor.execute(targets, values, calldatas, descriptionHash(), BigInteger.ZERO).send();
    }

    private byte[] descriptionHash() {
      return Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
    }
  }
}
