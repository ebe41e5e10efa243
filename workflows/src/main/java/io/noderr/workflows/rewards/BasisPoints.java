package io.noderr.workflows.rewards;

/** Fractions in basis points (1/10,000), the unit of every governed share and multiplier. */
final class BasisPoints {

  /** 100 %. */
  static final int WHOLE = 10_000;

  private BasisPoints() {}

  /** Refuses a share outside 0..100 %. */
  static int share(String name, int value) {
    if (value < 0 || value > WHOLE) {
      throw new IllegalArgumentException(
          name + " must be between 0 and " + WHOLE + " basis points, not " + value);
    }
    return value;
  }
}
