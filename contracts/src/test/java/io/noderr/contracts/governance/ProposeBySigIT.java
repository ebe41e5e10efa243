package io.noderr.contracts.governance;

import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static io.noderr.contracts.governance.StakingIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.governance.GovernanceFixture.Operator;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.GovernorDomain;
import io.noderr.signing.ProposalSubmission;
import io.noderr.signing.SetParameterCall;
import io.noderr.signing.Signatures;
import io.noderr.signing.SignedProposal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * NoderrGovernor's {@code proposeBySig} on ganache: a proposal signed off chain by an operator's
 * key and relayed by an account without stake (the platform's) counts the proposer's stake, is
 * classified like any proposal, and is refused when replayed, expired, changed after signing,
 * signed by another key or below the threshold. The digest is the one {@link ProposalSubmission}
 * computes in Java.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProposeBySigIT {

  private static final BigInteger PARAMETER_TIER = BigInteger.ZERO;
  private static final BigInteger TREASURY_TIER = BigInteger.ONE;
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
  void relayedProposal_countsTheProposersStake_isClassified_andUsesTheNonce() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(2_000));
    assertThat(f.staking.getVotes(chain.sender().getAddress()).send()).isZero();
    ProposalSubmission submission = parameterChange(alice, "canary 10 % by signature");
    SignedProposal signed = submission.sign(alice.key());
    SignedProposal unsigned = submission.proposal();

    assertThat(submission.digest())
        .isEqualTo(
            f.governor
                .proposeBySigDigest(
                    targets(unsigned),
                    unsigned.values(),
                    calldatas(unsigned),
                    unsigned.description(),
                    alice.address(),
                    unsigned.nonce(),
                    BigInteger.valueOf(unsigned.deadline()))
                .send());
    TransactionReceipt receipt = relay(signed);

    NoderrGovernor.ProposalCreatedEventResponse created =
        NoderrGovernor.getProposalCreatedEvents(receipt).get(0);
    assertThat(created.proposer).isEqualTo(alice.address());
    assertThat(created.description).isEqualTo("canary 10 % by signature");
    assertThat(f.governor.proposalProposer(created.proposalId).send()).isEqualTo(alice.address());
    assertThat(f.governor.proposalTier(created.proposalId).send()).isEqualTo(PARAMETER_TIER);
    assertThat(f.governor.nonces(alice.address()).send()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void replayedSignature_isRefused_becauseTheNonceWasUsed() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(2_000));
    SignedProposal signed = parameterChange(alice, "once").sign(alice.key());
    relay(signed);

    assertRefused(() -> relay(signed));

    assertThat(f.governor.nonces(alice.address()).send()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void aBallotInBetween_usesTheSharedNonce_andTheSignedProposalIsRefused() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(2_000));
    SignedProposal first = parameterChange(alice, "first").sign(alice.key());
    BigInteger id = proposalId(relay(first));
    SignedProposal stale = parameterChange(alice, "second").sign(alice.key());
    chain.advanceTime(GovernanceFixture.VOTING_DELAY.plusSeconds(1));
    GovernorBallot ballot =
        new GovernorBallot(
            DevChain.CHAIN_ID,
            Address.of(f.governor.getContractAddress()),
            id,
            GovernorBallot.FOR,
            Address.of(alice.address()),
            f.governor.nonces(alice.address()).send());
    f.governor
        .castVoteBySig(
            id,
            BigInteger.ONE,
            alice.address(),
            Numeric.hexStringToByteArray(ballot.sign(alice.key())))
        .send();

    assertRefused(() -> relay(stale));
  }

  @Test
  void expiredDeadline_isRefused() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(2_000));
    ProposalSubmission submission =
        submission(alice, List.of(canaryCall()), "too late", f.chainTime().longValueExact() + 5);
    SignedProposal signed = submission.sign(alice.key());
    chain.advanceTime(Duration.ofSeconds(10));

    assertRefused(
        () ->
            f.governor
                .proposeBySig(
                    targets(signed),
                    signed.values(),
                    calldatas(signed),
                    signed.description(),
                    signed.proposer().value(),
                    BigInteger.valueOf(signed.deadline()),
                    Numeric.hexStringToByteArray(signed.signature()))
                .send());

    assertThat(f.governor.nonces(alice.address()).send()).isZero();
  }

  @Test
  void contentChangedAfterSigning_orAnotherKeysSignature_isRefused() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(2_000));
    Operator mallory = f.operator(nodr(10_000), nodr(2_000));
    SignedProposal signed = parameterChange(alice, "canary 10 %").sign(alice.key());
    SignedProposal tampered =
        new SignedProposal(
            signed.proposer(),
            signed.targets(),
            signed.values(),
            List.of(new SetParameterCall(CANARY, BigInteger.valueOf(50)).encode()),
            signed.description(),
            signed.nonce(),
            signed.deadline(),
            signed.signature());
    SignedProposal byMallory =
        new SignedProposal(
            signed.proposer(),
            signed.targets(),
            signed.values(),
            signed.calldatas(),
            signed.description(),
            signed.nonce(),
            signed.deadline(),
            Signatures.sign(new ProposalSubmission(domain(), signed).digest(), mallory.key()));

    assertRefused(() -> relay(tampered));
    assertRefused(() -> relay(byMallory));

    assertThat(f.governor.nonces(alice.address()).send()).isZero();
  }

  @Test
  void proposerBelowTheThreshold_isRefused_whateverTheRelayer() throws Exception {
    Operator small = f.operator(nodr(10_000), nodr(999));
    SignedProposal signed = parameterChange(small, "too small").sign(small.key());

    assertRefused(() -> relay(signed));
  }

  @Test
  void treasurySpend_bySignature_isClassifiedAsTreasury() throws Exception {
    Operator alice = f.operator(nodr(10_000), nodr(2_000));
    String spend = f.token.transfer(alice.address(), nodr(100)).encodeFunctionCall();
    SignedProposal signed =
        submission(
                alice,
                List.of(new Call(Address.of(f.token.getContractAddress()), spend)),
                "pay alice 100 NODR",
                f.inAnHour().longValueExact())
            .sign(alice.key());

    BigInteger id = proposalId(relay(signed));

    assertThat(f.governor.proposalTier(id).send()).isEqualTo(TREASURY_TIER);
  }

  private ProposalSubmission parameterChange(Operator proposer, String description)
      throws Exception {
    return submission(proposer, List.of(canaryCall()), description, f.inAnHour().longValueExact());
  }

  private Call canaryCall() {
    return new Call(
        Address.of(f.parameters.getContractAddress()),
        new SetParameterCall(CANARY, BigInteger.TEN).encode());
  }

  private ProposalSubmission submission(
      Operator proposer, List<Call> calls, String description, long deadline) throws Exception {
    return new ProposalSubmission(
        domain(),
        new SignedProposal(
            Address.of(proposer.address()),
            calls.stream().map(Call::target).toList(),
            calls.stream().map(c -> BigInteger.ZERO).toList(),
            calls.stream().map(Call::data).toList(),
            description,
            f.governor.nonces(proposer.address()).send(),
            deadline,
            ""));
  }

  private GovernorDomain domain() {
    return new GovernorDomain(DevChain.CHAIN_ID, Address.of(f.governor.getContractAddress()));
  }

  /**
   * The platform's account (no stake) relays; Governor reads the proposer's votes one clock tick
   * back, so the chain's clock moves on first.
   */
  private TransactionReceipt relay(SignedProposal signed) throws Exception {
    chain.advanceTime(Duration.ofSeconds(1));
    return f.governor
        .proposeBySig(
            targets(signed),
            signed.values(),
            calldatas(signed),
            signed.description(),
            signed.proposer().value(),
            BigInteger.valueOf(signed.deadline()),
            Numeric.hexStringToByteArray(signed.signature()))
        .send();
  }

  private static BigInteger proposalId(TransactionReceipt receipt) {
    return NoderrGovernor.getProposalCreatedEvents(receipt).get(0).proposalId;
  }

  private static List<String> targets(SignedProposal proposal) {
    return proposal.targets().stream().map(Address::value).toList();
  }

  private static List<byte[]> calldatas(SignedProposal proposal) {
    return proposal.calldatas().stream().map(Numeric::hexStringToByteArray).toList();
  }

  private record Call(Address target, String data) {}
}
