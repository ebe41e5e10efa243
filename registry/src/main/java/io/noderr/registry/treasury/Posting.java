package io.noderr.registry.treasury;

import java.math.BigInteger;
import java.util.Objects;

/** One line of a journal entry: a debit (positive amount) or a credit (negative) of an account. */
public record Posting(TreasuryAccount account, BigInteger amount) {

  public Posting {
    Objects.requireNonNull(account, "a posting needs an account");
    if (amount == null || amount.signum() == 0) {
      throw new IllegalArgumentException("a posting moves a non-zero amount");
    }
  }
}
