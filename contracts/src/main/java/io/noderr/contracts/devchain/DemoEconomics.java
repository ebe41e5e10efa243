package io.noderr.contracts.devchain;

import io.noderr.contracts.generated.FeeCollector;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.signing.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The economics contracts of a chain, deployed after the governance contracts: the
 * RewardDistributor (paying in the governance token; roots published by the multisig, which holds
 * the rewards treasury; unclaimed and cancelled rewards going back to the governance treasury, the
 * timelock) and the FeeCollector (owned by the timelock; 70 % of the fees to the multisig's reward
 * pool, 30 % to the treasury).
 *
 * <p>The distributor's guardian, who may cancel a pending root alone, is the multisig's first
 * guardian: the same person trusted to pause releases alone may stop a wrong payout alone. A
 * multisig without guardians is its own (cancelling then takes the quorum).
 */
public record DemoEconomics(Address distributor, Address feeCollector) {

  /** Demo reward tokens the multisig holds as the rewards treasury. */
  public static final BigInteger REWARD_POOL_TOKENS = GovernanceSettings.nodr(1_000_000);

  /** The reward pool's share of the fees (first recipient: it also gets the rounding remainder). */
  public static final int REWARD_POOL_SHARE_BP = 7_000;

  /** The governance treasury's share of the fees. */
  public static final int TREASURY_SHARE_BP = 3_000;

  /**
   * A root stays cancellable for this long on a dev chain: long enough for a signer watching the
   * console to stop a wrong payout, short enough that a demo epoch pays out in under a minute.
   */
  public static final Duration DEV_PENDING_DELAY = Duration.ofSeconds(10);

  /** Operators may claim a dev chain epoch for an hour; then the rest goes back to the treasury. */
  public static final Duration DEV_CLAIM_PERIOD = Duration.ofHours(1);

  /** With the dev chain's pending delay and claim period. */
  public static DemoEconomics deploy(DevChain chain, Address multisig, DemoGovernance governance)
      throws Exception {
    return deploy(chain, multisig, governance, DEV_PENDING_DELAY, DEV_CLAIM_PERIOD);
  }

  public static DemoEconomics deploy(
      DevChain chain,
      Address multisig,
      DemoGovernance governance,
      Duration pendingDelay,
      Duration claimPeriod)
      throws Exception {
    String treasury = governance.timelock().value();
    RewardDistributor distributor =
        RewardDistributor.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                governance.token().value(),
                treasury,
                multisig.value(),
                guardianOf(chain, multisig).value(),
                BigInteger.valueOf(pendingDelay.toSeconds()),
                BigInteger.valueOf(claimPeriod.toSeconds()))
            .send();
    FeeCollector feeCollector =
        FeeCollector.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                governance.token().value(),
                treasury,
                List.of(multisig.value(), treasury),
                List.of(
                    BigInteger.valueOf(REWARD_POOL_SHARE_BP),
                    BigInteger.valueOf(TREASURY_SHARE_BP)))
            .send();
    governance.token(chain).mint(multisig.value(), REWARD_POOL_TOKENS).send();
    return new DemoEconomics(
        Address.of(distributor.getContractAddress()),
        Address.of(feeCollector.getContractAddress()));
  }

  private static Address guardianOf(DevChain chain, Address multisig) throws Exception {
    List<?> guardians =
        NoderrMultisig.load(multisig.value(), chain.web3j(), chain.transactions(), DevChain.GAS)
            .guardians()
            .send();
    return guardians.isEmpty() ? multisig : Address.of(guardians.get(0).toString());
  }
}
