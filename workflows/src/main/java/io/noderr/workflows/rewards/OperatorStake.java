package io.noderr.workflows.rewards;

import io.noderr.signing.Address;
import java.math.BigInteger;

/** An operator's active stake at the epoch's snapshot block (token units). */
public record OperatorStake(Address operator, BigInteger stake) {

  public OperatorStake {
    if (operator == null || stake == null || stake.signum() < 0) {
      throw new IllegalArgumentException("a stake needs an operator and an amount ≥ 0");
    }
  }
}
