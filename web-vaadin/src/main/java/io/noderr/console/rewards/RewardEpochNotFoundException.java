package io.noderr.console.rewards;

/** An epoch, or claims, the platform does not know (or the caller may not see): a 404. */
public class RewardEpochNotFoundException extends RuntimeException {

  RewardEpochNotFoundException(String message) {
    super(message);
  }
}
