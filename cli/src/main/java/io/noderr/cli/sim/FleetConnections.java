package io.noderr.cli.sim;

import io.noderr.agent.AgentHost;
import io.noderr.agent.gateway.FleetSessions;
import io.noderr.agent.platform.FleetSessionsAnswer;
import io.noderr.agent.platform.PlatformException;
import java.util.List;
import java.util.function.Function;

/** How a simulated fleet connects once admitted, whichever way its nodes got their sessions. */
final class FleetConnections {

  private FleetConnections() {}

  /**
   * Through the node gateway the platform {@code named}, pinning the certificate it named, each
   * node with its own session from {@code sessions}, kept alive by {@code renew} while the host
   * runs. {@code directTarget} (a Temporal frontend, development only) or a platform that runs no
   * gateway: straight to Temporal in plain text, with {@code credential} when the frontend asks for
   * one (an embedded platform's), else null.
   */
  static AgentHost open(
      FleetSessionsAnswer named,
      FleetSessions sessions,
      Function<List<String>, FleetSessionsAnswer> renew,
      String directTarget,
      String namespace,
      String credential) {
    if (named == null) {
      throw new IllegalStateException("connect after admitting the fleet");
    }
    if (directTarget == null && named.gatewayCertificateSha256() != null) {
      sessions.keepAlive(renew);
      return AgentHost.connectFleetThroughGateway(
          named.temporalTarget(),
          named.temporalNamespace(),
          named.gatewayCertificateSha256(),
          sessions);
    }
    String target = directTarget != null ? directTarget : named.temporalTarget();
    if (target == null) {
      throw new PlatformException(
          "the platform names no node gateway nor Temporal target; pass --temporal host:port");
    }
    return AgentHost.connect(target, namespace, credential);
  }
}
