package io.noderr.cli.rewards;

import java.time.Instant;

/**
 * An epoch as the RewardDistributor holds it, and whether the account claimed it.
 *
 * @param root the published root (32 zero bytes when the epoch is not published)
 */
public record EpochOnChain(
    byte[] root,
    Instant claimableAt,
    Instant deadline,
    boolean cancelled,
    boolean clawedBack,
    boolean claimed) {

  public boolean published() {
    for (byte b : root) {
      if (b != 0) {
        return true;
      }
    }
    return false;
  }
}
