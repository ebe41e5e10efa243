package io.noderr.agent.runtime.docker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a release's node software serves its Prometheus metrics, as its image declares it in labels
 * (the container inherits them; the signed digest covers them): {@value #PATH} (e.g. {@code
 * /metrics}) and {@value #PORT}. Without a port the metrics are on the container's health port
 * ({@code NODERR_HEALTH_PORT}, which a hand-over moves), so software serving both on one HTTP
 * server needs only the path; with a port and no path the path is {@value #DEFAULT_PATH}. Neither
 * label: the release declares no metrics.
 *
 * @param port the metrics port, or null for the container's health port
 * @param path the path, starting with {@code /}
 */
record MetricsLabels(Integer port, String path) {

  static final String PORT = "io.noderr.metrics-port";
  static final String PATH = "io.noderr.metrics-path";
  static final String DEFAULT_PATH = "/metrics";

  /**
   * The metrics a release declares, if any.
   *
   * @throws IllegalArgumentException naming the label when a label's value is malformed
   */
  static Optional<MetricsLabels> of(Map<String, String> labels) {
    String port = labels.get(PORT);
    String path = labels.get(PATH);
    if (isBlank(port) && isBlank(path)) {
      return Optional.empty();
    }
    return Optional.of(
        new MetricsLabels(
            isBlank(port) ? null : port(port.strip()),
            isBlank(path) ? DEFAULT_PATH : path(path.strip())));
  }

  /** The endpoint of the container that serves its health on {@code healthPort} at {@code host}. */
  URI endpoint(String host, int healthPort) {
    try {
      return new URI("http", null, host, port == null ? healthPort : port, path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no metrics URL for " + host + " and " + path, e);
    }
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // refused below, with the label's name
    }
    throw new IllegalArgumentException(PORT + "='" + value + "' is not a port (1-65535)");
  }

  private static String path(String value) {
    if (!value.matches("/[A-Za-z0-9._~/-]*")) {
      throw new IllegalArgumentException(
          PATH + "='" + value + "' is not a URL path (e.g. /metrics)");
    }
    return value;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
