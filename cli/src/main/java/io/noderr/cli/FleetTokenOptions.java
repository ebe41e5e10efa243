package io.noderr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The fleet agent token of simulators: one credential that speaks for a whole simulated fleet. Real
 * agents never use it; they hold their own attested session.
 */
class FleetTokenOptions {

  static final Path DEFAULT_TOKEN_FILE =
      Path.of(System.getProperty("user.home"), ".noderr", "data", "agent-token");

  @Option(
      names = "--token-file",
      description =
          "File holding the fleet agent token (default: ~/.noderr/data/agent-token, written by 'noderr up'). "
              + "NODERR_AGENT_TOKEN overrides it.")
  Path tokenFile;

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
}
