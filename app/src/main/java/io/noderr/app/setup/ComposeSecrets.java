package io.noderr.app.setup;

import io.noderr.http.Secrets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The secrets of one compose installation, generated together: clear-text values for the people and
 * tools that present them, and what the platform holds instead (bcrypt hashes of the console
 * passwords, the SHA-256 of the agent token).
 */
record ComposeSecrets(
    String databasePassword,
    String temporalDatabasePassword,
    String adminPassword,
    String srePassword,
    String agentToken,
    String grafanaPassword) {

  /** 24 random bytes, hex: long enough for any password and safe in every file format here. */
  private static final int PASSWORD_BYTES = 24;

  private static final int TOKEN_BYTES = 32;

  static ComposeSecrets generate(SecureRandom random) {
    return new ComposeSecrets(
        hex(random, PASSWORD_BYTES),
        hex(random, PASSWORD_BYTES),
        hex(random, PASSWORD_BYTES),
        hex(random, PASSWORD_BYTES),
        hex(random, TOKEN_BYTES),
        hex(random, PASSWORD_BYTES));
  }

  /**
   * The variables docker-compose.yml reads. Values are single-quoted: a bcrypt hash holds {@code
   * $}, and single quotes keep it literal in both Compose v2 and Debian's docker-compose 1.29.
   */
  Map<String, String> environment(String version) {
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    Map<String, String> variables = new LinkedHashMap<>();
    // Names containers and volumes noderr-*; promtail ships the logs of this project only.
    variables.put("COMPOSE_PROJECT_NAME", "noderr");
    variables.put("NODERR_VERSION", version);
    variables.put("NODERR_DB_PASSWORD", databasePassword);
    variables.put("TEMPORAL_DB_PASSWORD", temporalDatabasePassword);
    variables.put("NODERR_ADMIN_PASSWORD_HASH", bcrypt.encode(adminPassword));
    variables.put("NODERR_SRE_PASSWORD_HASH", bcrypt.encode(srePassword));
    variables.put("NODERR_AGENT_TOKEN_HASH", Secrets.sha256Hex(agentToken));
    variables.put("GRAFANA_ADMIN_PASSWORD", grafanaPassword);
    return variables;
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  /** Never prints a secret (records print their components by default). */
  @Override
  public String toString() {
    return "ComposeSecrets[redacted]";
  }
}
