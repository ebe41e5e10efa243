package io.noderr.activities.onboarding;

/**
 * Whether an applicant's stake covers its tier's minimum, as checked at approval.
 *
 * @param shortfall why it does not (the stake and the minimum, for the reviewer); null when it
 *     does, or when governance is off and there is no stake to check
 */
public record StakeVerdict(String shortfall) {

  public static StakeVerdict covered() {
    return new StakeVerdict(null);
  }

  /** Not named isCovered: Temporal's Jackson would write an "is" getter into the payload. */
  public boolean passed() {
    return shortfall == null;
  }
}
