package io.noderr.registry.treasury;

import java.util.Locale;
import java.util.Objects;

/**
 * An account of the treasury ledger: a holder whose token balance the chain knows ({@link
 * Kind#ON_CHAIN}, with its lowercase address), or the rest of the world on the other side of a
 * movement ({@link Kind#EXTERNAL}: operators, fee payers, mints, spends).
 */
public record TreasuryAccount(String code, Kind kind, String address) {

  /** The timelock's balance: spent only through governance proposals. */
  public static final String GOVERNANCE_TREASURY = "governance-treasury";

  /** The multisig's balance: funds the reward epochs. */
  public static final String REWARDS_TREASURY = "rewards-treasury";

  /** The RewardDistributor's balance: funded epochs not yet claimed, clawed back or refunded. */
  public static final String DISTRIBUTOR = "distributor";

  /** The FeeCollector's balance: fees not yet swept. */
  public static final String FEE_COLLECTOR = "fee-collector";

  /** Whether the chain knows the account's balance. */
  public enum Kind {
    ON_CHAIN,
    EXTERNAL
  }

  public TreasuryAccount {
    Objects.requireNonNull(code, "an account needs a code");
    Objects.requireNonNull(kind, "an account needs a kind");
    if ((kind == Kind.ON_CHAIN) != (address != null)) {
      throw new IllegalArgumentException("exactly the ON_CHAIN accounts have an address: " + code);
    }
    address = address == null ? null : address.toLowerCase(Locale.ROOT);
  }

  public static TreasuryAccount onChain(String code, String address) {
    return new TreasuryAccount(code, Kind.ON_CHAIN, address);
  }

  /** {@code external:<name>}, e.g. {@code external:operators}. */
  public static TreasuryAccount external(String name) {
    return new TreasuryAccount("external:" + name, Kind.EXTERNAL, null);
  }
}
