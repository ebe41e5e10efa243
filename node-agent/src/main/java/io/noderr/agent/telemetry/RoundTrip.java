package io.noderr.agent.telemetry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Network latency as the time to open a TCP connection (one round trip of the handshake): it needs
 * no cooperation from the other end, works through the same route the agent's calls take, and costs
 * no request on the platform.
 */
public final class RoundTrip {

  private RoundTrip() {}

  /** Milliseconds to connect to {@code target}'s host and port, or null when unreachable. */
  public static Double millisTo(URI target, Duration timeout) {
    int port = target.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
    }
    return millisTo(target.getHost(), port, timeout);
  }

  public static Double millisTo(String host, int port, Duration timeout) {
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return (System.nanoTime() - started) / 1_000_000.0;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
