package io.noderr.agent.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How an agent process reaches the platform and Temporal; shared by {@code agent} and {@code sim}.
 * The real agent polls through the platform's node gateway (TLS, pinned certificate, session
 * token), and so does the simulator (a session per simulated node); {@code --temporal} connects
 * straight to a Temporal frontend (development only). Public for the simulator in the cli module.
 */
public class ConnectionOptions {

  @Option(
      names = "--platform",
      defaultValue = "http://127.0.0.1:8080",
      description = "Platform base URL (default: ${DEFAULT-VALUE}).")
  URI platform;

  /** Where a local `noderr up` serves Temporal. */
  static final String LOCAL_TEMPORAL = "127.0.0.1:7233";

  @Option(
      names = "--temporal",
      description =
          "Temporal frontend host:port to connect to directly, without the node gateway"
              + " (development only; default: the gateway the platform names, sim --onboard: "
              + LOCAL_TEMPORAL
              + ").")
  String temporal;

  @Option(
      names = "--gateway",
      description =
          "Node gateway host:port (default: what the platform tells a registered node). Its"
              + " certificate is pinned at registration whatever address reaches it.")
  String gateway;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Temporal namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--heartbeat-interval",
      defaultValue = "15",
      description = "Seconds between heartbeats (default: ${DEFAULT-VALUE}).")
  int heartbeatSeconds;

  @Option(
      names = "--telemetry-interval",
      defaultValue = "10",
      description = "Seconds between telemetry reports (default: ${DEFAULT-VALUE}).")
  int telemetrySeconds;

  /** Where a local `noderr up` writes its embedded Temporal server's platform credential. */
  static final Path LOCAL_TEMPORAL_CREDENTIAL =
      Path.of(System.getProperty("user.home"), ".noderr", "data", "temporal-credential");

  /**
   * For direct connections to a local embedded Temporal server, which takes only calls with the
   * platform's credential: NODERR_TEMPORAL_CREDENTIAL, else the file `noderr up` writes into its
   * data directory (readable by the platform's user only), else none. Never printed.
   */
  public String temporalCredential() {
    String fromEnv = System.getenv("NODERR_TEMPORAL_CREDENTIAL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    try {
      return Files.isReadable(LOCAL_TEMPORAL_CREDENTIAL)
          ? Files.readString(LOCAL_TEMPORAL_CREDENTIAL).strip()
          : null;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + LOCAL_TEMPORAL_CREDENTIAL + ": " + e.getMessage());
    }
  }

  /** The --temporal value, else {@code platformSays}, else the local default. */
  String temporalOr(String platformSays) {
    if (temporal != null) {
      return temporal;
    }
    return platformSays != null ? platformSays : LOCAL_TEMPORAL;
  }

  /** The --gateway value, else {@code platformSays} (null when neither names one). */
  String gatewayOr(String platformSays) {
    return gateway != null ? gateway : platformSays;
  }

  /** The platform's namespace goes with the platform's address; --temporal keeps --namespace. */
  String namespaceOr(String platformSays) {
    return temporal == null && platformSays != null ? platformSays : namespace;
  }

  public void validate() {
    if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
      throw new IllegalArgumentException("--heartbeat-interval must be between 1 and 3600 seconds");
    }
    if (telemetrySeconds < 1 || telemetrySeconds > 3600) {
      throw new IllegalArgumentException("--telemetry-interval must be between 1 and 3600 seconds");
    }
    requireHostPort("--temporal", temporal);
    requireHostPort("--gateway", gateway);
    requireHttp("--platform", platform);
  }

  public URI platform() {
    return platform;
  }

  /** The --temporal value: null unless asked to bypass the gateway. */
  public String temporal() {
    return temporal;
  }

  public String namespace() {
    return namespace;
  }

  public int heartbeatSeconds() {
    return heartbeatSeconds;
  }

  public int telemetrySeconds() {
    return telemetrySeconds;
  }

  private static void requireHostPort(String option, String value) {
    if (value != null && !value.matches("[^:\\s]+:\\d{1,5}")) {
      throw new IllegalArgumentException(option + " must be host:port, got '" + value + "'");
    }
  }

  public static void requireHttp(String option, URI url) {
    if (url.getScheme() == null || !url.getScheme().matches("https?")) {
      throw new IllegalArgumentException(option + " must be an http(s) URL, got '" + url + "'");
    }
  }
}
