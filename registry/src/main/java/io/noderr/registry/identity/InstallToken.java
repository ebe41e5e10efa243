package io.noderr.registry.identity;

import java.time.Instant;

/** What the registry knows about an install token (by hash). */
public record InstallToken(
    String applicationId, String tier, Instant expiresAt, Instant usedAt, Instant revokedAt) {

  /** Why this token cannot be used at {@code now}, or null when it can. */
  public String refusal(Instant now) {
    if (usedAt != null) {
      return "install token already used";
    }
    // An application that expires revokes its token at (or after) the token's expiry: that
    // token expired, it was not replaced.
    if (revokedAt != null && revokedAt.isBefore(expiresAt)) {
      return "install token was replaced or withdrawn";
    }
    if (!now.isBefore(expiresAt)) {
      return "install token expired";
    }
    return null;
  }
}
