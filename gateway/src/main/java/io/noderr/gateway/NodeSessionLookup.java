package io.noderr.gateway;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Who a node session token (by its SHA-256) lets act. A session stops answering when it expires or
 * is revoked, or when its node is quarantined or retired.
 */
public interface NodeSessionLookup {

  /** The node the session belongs to, if it may still be used. */
  Optional<String> nodeOf(String tokenHash);

  /** Of {@code tokenHashes}, those that may still be used (one round trip for all). */
  Set<String> stillServing(Collection<String> tokenHashes);
}
