package io.noderr.cli.emergency;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Where an emergency stands, in the words a signer at a terminal reads. */
public final class StageWords {

  private StageWords() {}

  /** {@code AWAITING_SIGNATURES} → {@code awaiting signatures}. */
  public static String of(String stage) {
    return String.valueOf(stage).toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * What a signature just did, from the emergency the platform answered with.
   *
   * @param signed the request that was signed (the answer no longer carries it once it moved on)
   */
  public static String afterSignature(Emergency answer, ReviewedEmergency signed, Instant now) {
    return switch (answer.stage()) {
      case "ACTING" ->
          signed.actsAlone(answer.signedBy().size())
              ? "guardian acts now"
              : "threshold reached, acting";
      case "RATIFYING" -> "threshold reached, ratifying";
      case "AWAITING_SIGNATURES" ->
          answer.signedBy().size() + " of " + signed.required() + " signatures, waiting for more";
      case "MANDATE" -> "recorded; " + mandate(answer, now);
      default -> "the emergency is " + now(answer);
    };
  }

  /** The stage, with the mandate's countdown or the outcome where there is one. */
  public static String now(Emergency emergency) {
    return now(emergency, Instant.now());
  }

  static String now(Emergency emergency, Instant now) {
    if ("MANDATE".equals(emergency.stage())) {
      return "MANDATE — " + mandate(emergency, now);
    }
    String outcome = emergency.outcome();
    return emergency.stage() + (outcome == null || outcome.isBlank() ? "" : " — " + outcome);
  }

  /** "ends in 23 h 12 min unless 2 signers ratify". */
  public static String mandate(Emergency emergency, Instant now) {
    if (emergency.mandateExpiresAt() == null) {
      return "no mandate";
    }
    Duration left = Duration.between(now, Instant.parse(emergency.mandateExpiresAt()));
    String ratify =
        emergency.request() == null
            ? ""
            : " unless " + emergency.request().required() + " signers ratify";
    return left.isNegative()
        ? "ended at " + emergency.mandateExpiresAt()
        : "ends in " + countdown(left) + ratify;
  }

  /** "23 h 12 min", "12 min", "under a minute". */
  public static String countdown(Duration left) {
    long minutes = left.toMinutes();
    if (minutes < 1) {
      return "under a minute";
    }
    return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
  }
}
