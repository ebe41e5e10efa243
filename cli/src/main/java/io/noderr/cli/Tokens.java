package io.noderr.cli;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Stake amounts (18-decimal token units) as people read them. */
final class Tokens {

  private static final BigDecimal UNIT = BigDecimal.TEN.pow(18);

  private Tokens() {}

  /** "2000000000000000000000" → "2000 NODR"; text that is not a number is shown as it came. */
  static String format(String units) {
    try {
      BigDecimal tokens = new BigDecimal(new BigInteger(units)).divide(UNIT).stripTrailingZeros();
      return tokens.toPlainString() + " NODR";
    } catch (NumberFormatException | NullPointerException e) {
      return String.valueOf(units);
    }
  }
}
