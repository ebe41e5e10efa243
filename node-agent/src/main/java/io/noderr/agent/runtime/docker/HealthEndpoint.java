package io.noderr.agent.runtime.docker;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the node software answers health checks. Containers share the host's network, so during a
 * hand-over the new container cannot bind the port the old one still holds: each container is told
 * its port in {@code NODERR_HEALTH_PORT}, and a hand-over alternates between the URL's port and
 * {@code handoverPort}.
 *
 * @param url {@code http://host:port/path}; its port is the one the first release gets
 */
public record HealthEndpoint(URI url, int handoverPort) {

  public HealthEndpoint {
    if (url == null || url.getScheme() == null || !url.getScheme().matches("https?")) {
      throw new IllegalArgumentException("the health URL must be http(s), got '" + url + "'");
    }
    if (url.getPort() < 1) {
      throw new IllegalArgumentException(
          "the health URL needs an explicit port (a hand-over moves it), got '" + url + "'");
    }
    if (handoverPort < 1 || handoverPort > 65535 || handoverPort == url.getPort()) {
      throw new IllegalArgumentException(
          "the hand-over port must be a port other than the health URL's (" + url.getPort() + ")");
    }
  }

  /** The hand-over port is the URL's port + 1. */
  public static HealthEndpoint of(URI url) {
    return new HealthEndpoint(url, url.getPort() + 1);
  }

  public int primaryPort() {
    return url.getPort();
  }

  /** The port a container started beside one on {@code port} gets. */
  public int otherThan(int port) {
    return port == primaryPort() ? handoverPort : primaryPort();
  }

  /** The health URL of the container serving on {@code port}. */
  public URI at(int port) {
    try {
      return new URI(
          url.getScheme(),
          url.getUserInfo(),
          url.getHost(),
          port,
          url.getPath(),
          url.getQuery(),
          url.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot move " + url + " to port " + port, e);
    }
  }
}
