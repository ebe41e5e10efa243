package io.noderr.signing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A set of beacon tiers as the multisig's emergency actions take it: bit {@code i} is tier code
 * {@code i} (ALL = 0, ORACLE = 1, GUARDIAN = 2). Zero and unknown bits are refused, as the contract
 * refuses them ({@code BadTiers}).
 */
public final class TierMask {

  /** Tier names by code, as the VersionBeacon numbers them. */
  public static final List<String> NAMES = List.of("ALL", "ORACLE", "GUARDIAN");

  /** Every tier. */
  public static final long EVERY_TIER = (1L << NAMES.size()) - 1;

  private TierMask() {}

  /** The mask of these tier codes. */
  public static long of(Collection<Integer> codes) {
    long mask = 0;
    for (int code : codes) {
      if (code < 0 || code >= NAMES.size()) {
        throw new IllegalArgumentException("unknown tier code " + code);
      }
      mask |= 1L << code;
    }
    return check(mask);
  }

  /** The mask itself, or an exception naming what is wrong with it. */
  public static long check(long mask) {
    if (mask <= 0 || (mask & ~EVERY_TIER) != 0) {
      throw new IllegalArgumentException(
          "tiers must be a non-empty mask of bits 0 (ALL), 1 (ORACLE), 2 (GUARDIAN), was " + mask);
    }
    return mask;
  }

  /** The tier codes in the mask, ascending. */
  public static List<Integer> codes(long mask) {
    check(mask);
    List<Integer> codes = new ArrayList<>();
    for (int code = 0; code < NAMES.size(); code++) {
      if ((mask & (1L << code)) != 0) {
        codes.add(code);
      }
    }
    return codes;
  }

  /** The tiers' names, e.g. {@code "ALL, GUARDIAN"}. */
  public static String names(long mask) {
    return codes(mask).stream().map(NAMES::get).collect(Collectors.joining(", "));
  }
}
