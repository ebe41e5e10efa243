package io.noderr.console.governance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/** Amounts and parameter values as people read them: NODR instead of token units, durations. */
public final class TokenAmounts {

  /** The stake token's 18 decimals. */
  private static final BigDecimal UNIT = BigDecimal.TEN.pow(18);

  private TokenAmounts() {}

  /** Token units (a decimal string) as NODR: "2500", "0.5"; "-" when unknown. */
  public static String nodr(String units) {
    if (units == null || units.isBlank()) {
      return "-";
    }
    return new BigDecimal(new BigInteger(units)).divide(UNIT).stripTrailingZeros().toPlainString();
  }

  /** A parameter's value in its own unit: stake minimums in NODR, durations, plain numbers. */
  public static String parameter(String name, String value) {
    if (value == null) {
      return "-";
    }
    if (name.startsWith("stake.minimum.")) {
      return nodr(value) + " NODR";
    }
    if (name.endsWith("Seconds")) {
      return Duration.ofSeconds(Long.parseLong(value)).toString().substring(2).toLowerCase();
    }
    return value;
  }
}
