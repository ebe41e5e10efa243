package io.noderr.gateway;

import io.noderr.registry.identity.NodeSessions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Sessions as the registry keeps them (issued by the auth API). */
final class RegistrySessionLookup implements NodeSessionLookup {

  private final NodeSessions sessions;

  RegistrySessionLookup(NodeSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Optional<String> nodeOf(String tokenHash) {
    return sessions.servingNodeOf(tokenHash);
  }

  @Override
  public Set<String> endedWithin(Duration window) {
    return sessions.endedWithin(window);
  }
}
