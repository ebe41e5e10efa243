package io.noderr.http;

/** How request payloads name a tier, for their {@code @Pattern} checks: one rule, one message. */
public final class TierNames {

  public static final String PATTERN = "ALL|ORACLE|GUARDIAN";
  public static final String MESSAGE = "must be ALL, ORACLE or GUARDIAN";

  private TierNames() {}
}
