package io.noderr.worker.governance;

import io.noderr.activities.release.BeaconTier;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.registry.Tier;
import io.noderr.signing.Address;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * An operator's stake against a tier's minimum, read from NoderrStaking at the chain's head: the
 * contract is the authority (the registry's copy may lag by the follower's confirmations). Active
 * stake only: stake being unbonded no longer counts.
 */
public class StakeStanding {

  /** The stake token's 18 decimals. */
  private static final BigDecimal TOKEN = BigDecimal.TEN.pow(18);

  private final NoderrStaking staking;

  public StakeStanding(Web3j web3j, Address staking) {
    this.staking =
        NoderrStaking.load(
            staking.value(),
            web3j,
            new ReadonlyTransactionManager(web3j, staking.value()),
            new DefaultGasProvider());
  }

  public Standing of(Address operator, Tier tier) throws IOException {
    BigInteger code = BigInteger.valueOf(BeaconTier.valueOf(tier.name()).code());
    try {
      return new Standing(
          operator,
          tier,
          staking.stakeOf(operator.value()).send(),
          staking.tierMinimum(code).send());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("reading stake of " + operator.value() + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param active the operator's active stake (token units)
   * @param minimum the tier's minimum ({@code stake.minimum.<tier>})
   */
  public record Standing(Address operator, Tier tier, BigInteger active, BigInteger minimum) {

    public boolean covers() {
      return active.compareTo(minimum) >= 0;
    }

    /** Why the operator's nodes of the tier are held back, for people; null when covered. */
    public String shortfall() {
      if (covers()) {
        return null;
      }
      return "operator "
          + operator.value()
          + " stakes "
          + nodr(active)
          + " NODR; "
          + tier.name()
          + " nodes need "
          + nodr(minimum)
          + " NODR (stake.minimum."
          + tier.name().toLowerCase(Locale.ROOT)
          + ")";
    }

    private static String nodr(BigInteger amount) {
      return new BigDecimal(amount).divide(TOKEN).stripTrailingZeros().toPlainString();
    }
  }
}
