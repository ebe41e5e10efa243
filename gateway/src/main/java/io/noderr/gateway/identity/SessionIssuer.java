package io.noderr.gateway.identity;

import io.noderr.http.Secrets;
import io.noderr.registry.identity.NodeSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Issues node sessions ({@code nst_…}, kept only as SHA-256) and says where nodes use them: the
 * auth API for attested nodes, the fleet token's demo enrolment for simulated ones.
 */
@Component
public class SessionIssuer {

  private final NodeSessions sessions;
  private final NodeAuthProperties properties;
  private final Clock clock = Clock.systemUTC();

  SessionIssuer(NodeSessions sessions, NodeAuthProperties properties) {
    this.sessions = sessions;
    this.properties = properties;
  }

  /** A session token for a node; the token is a bearer secret, never logged. */
  public record IssuedSession(String nodeId, String sessionToken, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedSession[nodeId=" + nodeId + ", expiresAt=" + expiresAt + "]";
    }
  }

  IssuedSession issue(String nodeId) {
    return issue(List.of(nodeId)).getFirst();
  }

  /** One session per node the registry knows (others are skipped), issued in one statement. */
  public List<IssuedSession> issue(Collection<String> nodeIds) {
    Instant expiresAt = clock.instant().plus(properties.sessionTtl());
    Map<String, String> tokens = new HashMap<>();
    Map<String, String> nodeOfHash = new HashMap<>();
    for (String nodeId : nodeIds) {
      String token = Secrets.generate(Secrets.NODE_SESSION);
      tokens.put(nodeId, token);
      nodeOfHash.put(Secrets.sha256Hex(token), nodeId);
    }
    Set<String> issued = sessions.issueAll(nodeOfHash, expiresAt);
    return nodeIds.stream()
        .filter(issued::contains)
        .distinct()
        .map(id -> new IssuedSession(id, tokens.get(id), expiresAt))
        .toList();
  }

  /** Where nodes poll with their session (the node gateway); null when not configured. */
  public String temporalTarget() {
    String target = properties.agentTemporalTarget();
    return target == null || target.isBlank() ? null : target;
  }

  public String temporalNamespace() {
    return properties.agentTemporalNamespace();
  }

  /** The node gateway's certificate fingerprint nodes pin; null without a gateway. */
  public String gatewayCertificateSha256() {
    String sha256 = properties.agentGatewayCertificateSha256();
    return sha256.isBlank() ? null : sha256;
  }
}
