package io.noderr.agent.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How an agent process reaches the platform and Temporal; shared by {@code agent} and {@code sim}.
 */
class ConnectionOptions {

  static final Path DEFAULT_TOKEN_FILE =
      Path.of(System.getProperty("user.home"), ".noderr", "data", "agent-token");

  @Option(
      names = "--platform",
      defaultValue = "http://127.0.0.1:8080",
      description = "Platform base URL (default: ${DEFAULT-VALUE}).")
  URI platform;

  @Option(
      names = "--temporal",
      defaultValue = "127.0.0.1:7233",
      description = "Temporal frontend host:port (default: ${DEFAULT-VALUE}).")
  String temporal;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Temporal namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--token-file",
      description =
          "File holding the agent API token (default: ~/.noderr/data/agent-token, written by 'noderr up'). "
              + "NODERR_AGENT_TOKEN overrides it.")
  Path tokenFile;

  @Option(
      names = "--heartbeat-interval",
      defaultValue = "15",
      description = "Seconds between heartbeats (default: ${DEFAULT-VALUE}).")
  int heartbeatSeconds;

  /** The token from NODERR_AGENT_TOKEN, else the token file; never printed. */
  String token() {
    String fromEnv = System.getenv("NODERR_AGENT_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    Path file = tokenFile == null ? DEFAULT_TOKEN_FILE : tokenFile;
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "no agent token: set NODERR_AGENT_TOKEN or create " + file + " (noderr up writes it)");
    }
  }

  void validate() {
    if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
      throw new IllegalArgumentException("--heartbeat-interval must be between 1 and 3600 seconds");
    }
    if (!temporal.matches("[^:\\s]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--temporal must be host:port, got '" + temporal + "'");
    }
    if (platform.getScheme() == null || !platform.getScheme().matches("https?")) {
      throw new IllegalArgumentException(
          "--platform must be an http(s) URL, got '" + platform + "'");
    }
  }
}
