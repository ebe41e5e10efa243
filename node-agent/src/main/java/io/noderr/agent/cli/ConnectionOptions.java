package io.noderr.agent.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * How an agent process reaches the platform and Temporal; shared by {@code agent} and {@code sim}.
 */
class ConnectionOptions {

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
          "Temporal frontend host:port (default: what the platform tells a registered node, else "
              + LOCAL_TEMPORAL
              + ").")
  String temporal;

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

  /** The --temporal value, else {@code platformSays}, else the local default. */
  String temporalOr(String platformSays) {
    if (temporal != null) {
      return temporal;
    }
    return platformSays != null ? platformSays : LOCAL_TEMPORAL;
  }

  /** The platform's namespace goes with the platform's address; --temporal keeps --namespace. */
  String namespaceOr(String platformSays) {
    return temporal == null && platformSays != null ? platformSays : namespace;
  }

  void validate() {
    if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
      throw new IllegalArgumentException("--heartbeat-interval must be between 1 and 3600 seconds");
    }
    if (temporal != null && !temporal.matches("[^:\\s]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--temporal must be host:port, got '" + temporal + "'");
    }
    requireHttp("--platform", platform);
  }

  static void requireHttp(String option, URI url) {
    if (url.getScheme() == null || !url.getScheme().matches("https?")) {
      throw new IllegalArgumentException(option + " must be an http(s) URL, got '" + url + "'");
    }
  }
}
