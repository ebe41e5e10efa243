package io.noderr.contracts.governance;

import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.governance.GovernanceFixture.Operator;
import io.noderr.signing.Address;
import io.noderr.signing.SlashAction;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * NoderrStaking and NoderrParameters on ganache: stake that votes at once, tier minimums from the
 * parameter registry, unbonding, slashing only by the timelock or the multisig, and parameter
 * ranges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StakingIT {

  private static final BigInteger ALL = BigInteger.ZERO;
  private static final BigInteger ORACLE = BigInteger.ONE;
  private static final BigInteger GUARDIAN = BigInteger.TWO;

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
  void stakedTokens_voteAtOnce_withoutDelegating() throws Exception {
    Operator operator = f.operator(nodr(10_000), nodr(2_000));

    assertThat(f.staking.stakeOf(operator.address()).send()).isEqualTo(nodr(2_000));
    assertThat(f.staking.getVotes(operator.address()).send()).isEqualTo(nodr(2_000));
    assertThat(f.staking.delegates(operator.address()).send()).isEqualTo(operator.address());
    assertThat(f.staking.totalStaked().send()).isEqualTo(nodr(2_000));
    assertThat(f.token.balanceOf(f.staking.getContractAddress()).send()).isEqualTo(nodr(2_000));

    Operator other = f.operator(nodr(1), BigInteger.ZERO);
    operator.staking().delegate(other.address()).send();
    assertThat(f.staking.getVotes(operator.address()).send()).isZero();
    assertThat(f.staking.getVotes(other.address()).send()).isEqualTo(nodr(2_000));

    operator.staking().delegate("0x0000000000000000000000000000000000000000").send();
    assertThat(f.staking.getVotes(operator.address()).send()).isEqualTo(nodr(2_000));
    assertThat(f.staking.getVotes(other.address()).send()).isZero();
  }

  @Test
  void stakeToken_isMintedOnlyByItsOwner() throws Exception {
    Operator operator = f.operator(nodr(10), BigInteger.ZERO);

    assertRefused(() -> operator.token().mint(operator.address(), nodr(1)).send());

    assertThat(f.token.balanceOf(operator.address()).send()).isEqualTo(nodr(10));
    assertThat(f.token.owner().send()).isEqualTo(chain.sender().getAddress());
  }

  @Test
  void tierMinimums_comeFromTheParameterRegistry() throws Exception {
    Operator operator = f.operator(nodr(20_000), nodr(2_000));

    assertThat(f.staking.tierMinimum(ALL).send()).isEqualTo(nodr(1_000));
    assertThat(f.staking.tierMinimum(ORACLE).send()).isEqualTo(nodr(5_000));
    assertThat(f.staking.tierMinimum(GUARDIAN).send()).isEqualTo(nodr(10_000));
    assertThat(meets(operator, ALL)).isTrue();
    assertThat(meets(operator, ORACLE)).isFalse();

    operator.staking().stake(nodr(3_000)).send();
    assertThat(meets(operator, ORACLE)).isTrue();
    assertThat(meets(operator, GUARDIAN)).isFalse();

    operator.staking().requestUnbond(nodr(1_000)).send();
    assertThat(meets(operator, ORACLE)).isFalse();
    assertThatThrownBy(() -> f.staking.tierMinimum(BigInteger.valueOf(3)).send())
        .hasMessageContaining("revert");
  }

  @Test
  void unbonding_stopsTheVotesAtOnce_andPaysOutOnlyAfterTheDelay() throws Exception {
    Operator operator = f.operator(nodr(5_000), nodr(5_000));

    TransactionReceipt request = operator.staking().requestUnbond(nodr(2_000)).send();

    assertThat(f.staking.stakeOf(operator.address()).send()).isEqualTo(nodr(3_000));
    assertThat(f.staking.getVotes(operator.address()).send()).isEqualTo(nodr(3_000));
    NoderrStaking.UnbondingRequestedEventResponse event =
        NoderrStaking.getUnbondingRequestedEvents(request).get(0);
    assertThat(event.amount).isEqualTo(nodr(2_000));
    BigInteger requestedAt =
        chain
            .web3j()
            .ethGetBlockByHash(request.getBlockHash(), false)
            .send()
            .getBlock()
            .getTimestamp();
    assertThat(event.readyAt)
        .isEqualTo(requestedAt.add(BigInteger.valueOf(GovernanceFixture.UNBONDING.toSeconds())));
    assertRefused(() -> operator.staking().withdraw().send());
    assertRefused(() -> operator.staking().requestUnbond(nodr(3_001)).send());

    chain.advanceTime(GovernanceFixture.UNBONDING);
    operator.staking().withdraw().send();

    assertThat(f.token.balanceOf(operator.address()).send()).isEqualTo(nodr(2_000));
    assertThat(f.staking.unbondingOf(operator.address()).send().component1()).isZero();
    assertRefused(() -> operator.staking().withdraw().send());
  }

  @Test
  void slashing_byTheMultisig_takesActiveThenUnbondingStake_intoTheTreasury_upToTheGovernedMaximum()
      throws Exception {
    Operator operator = f.operator(nodr(5_000), nodr(5_000));
    operator.staking().requestUnbond(nodr(4_000)).send();
    String staking = f.staking.getContractAddress();
    BigInteger deadline = f.inAnHour();
    // The governed maximum is 50 % of the 5,000 staked: one more unit is refused, whoever signs.
    byte[] beyond =
        new SlashAction(
                Address.of(staking),
                Address.of(operator.address()),
                nodr(2_500).add(BigInteger.ONE),
                f.multisigNonce(),
                deadline.longValueExact())
            .digest(f.multisigDomain());
    assertRefused(
        () ->
            f.multisig
                .slash(
                    staking,
                    operator.address(),
                    nodr(2_500).add(BigInteger.ONE),
                    deadline,
                    f.multisigSignatures(beyond))
                .send());
    // The signers sign the digest computed off chain, which is the contract's own.
    byte[] digest =
        new SlashAction(
                Address.of(staking),
                Address.of(operator.address()),
                nodr(2_500),
                f.multisigNonce(),
                deadline.longValueExact())
            .digest(f.multisigDomain());
    assertThat(digest)
        .isEqualTo(
            f.multisig
                .slashDigest(staking, operator.address(), nodr(2_500), f.multisigNonce(), deadline)
                .send());

    f.multisig
        .slash(staking, operator.address(), nodr(2_500), deadline, f.multisigSignatures(digest))
        .send();

    assertThat(f.staking.stakeOf(operator.address()).send()).isZero();
    assertThat(f.staking.getVotes(operator.address()).send()).isZero();
    assertThat(f.staking.unbondingOf(operator.address()).send().component1())
        .isEqualTo(nodr(2_500));
    assertThat(f.token.balanceOf(f.timelock.getContractAddress()).send()).isEqualTo(nodr(2_500));
  }

  @Test
  void slashing_isRefused_forAnyoneButTheTimelockAndTheMultisig() throws Exception {
    Operator operator = f.operator(nodr(5_000), nodr(5_000));
    Operator outsider = f.operator(nodr(1), BigInteger.ZERO);
    String staking = f.staking.getContractAddress();

    assertRefused(() -> f.staking.slash(operator.address(), nodr(1)).send());
    assertRefused(() -> outsider.staking().slash(operator.address(), nodr(1)).send());
    assertRefused(() -> operator.staking().slash(operator.address(), nodr(1)).send());
    BigInteger deadline = f.inAnHour();
    byte[] digest =
        f.multisig
            .slashDigest(staking, operator.address(), nodr(1), f.multisigNonce(), deadline)
            .send();
    List<byte[]> oneSignature = f.multisigSignatures(digest).subList(0, 1);
    assertRefused(
        () ->
            f.multisig.slash(staking, operator.address(), nodr(1), deadline, oneSignature).send());

    assertThat(f.staking.stakeOf(operator.address()).send()).isEqualTo(nodr(5_000));
    assertThat(f.staking.owner().send()).isEqualTo(f.timelock.getContractAddress());
    assertThat(f.staking.guardian().send()).isEqualTo(f.multisig.getContractAddress());
  }

  @Test
  void parameters_refuseValuesOutsideTheirRange_unknownNames_andStrangers() throws Exception {
    // A registry owned by the test's sender, to call it directly (the dev one is the timelock's).
    NoderrParameters registry =
        NoderrParameters.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                chain.sender().getAddress(),
                List.of("rollout.canaryPercent"),
                List.of(BigInteger.ONE),
                List.of(BigInteger.valueOf(50)),
                List.of(BigInteger.valueOf(5)))
            .send();

    assertRefused(() -> registry.setParameter("rollout.canaryPercent", BigInteger.ZERO).send());
    assertRefused(
        () -> registry.setParameter("rollout.canaryPercent", BigInteger.valueOf(51)).send());
    assertRefused(() -> registry.setParameter("no.such.parameter", BigInteger.ONE).send());
    assertRefused(
        () ->
            registry
                .defineParameter("fees.x", BigInteger.TEN, BigInteger.ONE, BigInteger.TEN)
                .send());
    assertThat(registry.valueOf("rollout.canaryPercent").send()).isEqualTo(BigInteger.valueOf(5));

    TransactionReceipt changed =
        registry.setParameter("rollout.canaryPercent", BigInteger.valueOf(50)).send();
    NoderrParameters.ParameterChangedEventResponse event =
        NoderrParameters.getParameterChangedEvents(changed).get(0);
    assertThat(event.name).isEqualTo("rollout.canaryPercent");
    assertThat(event.oldValue).isEqualTo(BigInteger.valueOf(5));
    assertThat(event.newValue).isEqualTo(BigInteger.valueOf(50));

    assertRefused(() -> f.parameters.setParameter("rollout.canaryPercent", BigInteger.TEN).send());
    assertThat(f.parameters.owner().send()).isEqualTo(f.timelock.getContractAddress());
    assertThat(f.parameters.parameterNames().send()).contains("stake.unbondingSeconds");
  }

  private boolean meets(Operator operator, BigInteger tier) throws Exception {
    return f.staking.meetsTierMinimum(operator.address(), tier).send();
  }

  static void assertRefused(ThrowingCall call) {
    assertThatThrownBy(call::run).isInstanceOf(TransactionException.class);
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }
}
