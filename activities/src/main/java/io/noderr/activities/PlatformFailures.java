package io.noderr.activities;

/** ApplicationFailure types any platform activity may raise. */
public final class PlatformFailures {

  /**
   * The data itself was refused (a constraint, an encoding, a value PostgreSQL cannot store):
   * retrying the same input cannot help, so workflows never retry it and fail the step with the
   * reason instead.
   */
  public static final String INVALID_DATA = "InvalidData";

  private PlatformFailures() {}
}
