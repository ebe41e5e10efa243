package io.noderr.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Who a node session token (by its SHA-256) lets act. A session stops answering when it expires or
 * is revoked, or when its node is quarantined or retired.
 */
public interface NodeSessionLookup {

  /** The node the session belongs to, if it may still be used. */
  Optional<String> nodeOf(String tokenHash);

  /**
   * The sessions that stopped serving within the last {@code window} (revoked, expired, or of a
   * node now quarantined or retired): one round trip whose cost follows the changes, not the fleet.
   */
  Set<String> endedWithin(Duration window);
}
