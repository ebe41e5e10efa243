package io.noderr.app.setup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets of Alertmanager's receivers (deploy/alertmanager/alertmanager.yml reads each from a
 * file). They are not generated: compose-init takes them from the environment variables the
 * platform's own alert channels use (docs/alerts.md), and writes an empty file for each one not
 * set, for the SRE to fill in.
 */
record AlertReceiverSecrets(Map<String, String> files) {

  /** File name under deploy/secrets/alertmanager → the environment variable that fills it. */
  static final Map<String, String> SOURCES =
      Map.of(
          "slack-url", "NODERR_ALERTS_SLACK_URL",
          "discord-url", "NODERR_ALERTS_DISCORD_URL",
          "webhook-url", "NODERR_ALERTS_WEBHOOK_URL",
          "smtp-password", "NODERR_SMTP_PASSWORD");

  AlertReceiverSecrets {
    files = Map.copyOf(files);
  }

  static AlertReceiverSecrets fromEnvironment(Map<String, String> environment) {
    Map<String, String> files = new LinkedHashMap<>();
    SOURCES.forEach(
        (file, variable) -> files.put(file, environment.getOrDefault(variable, "").strip()));
    return new AlertReceiverSecrets(files);
  }

  /** Never prints a secret (records print their components by default). */
  @Override
  public String toString() {
    return "AlertReceiverSecrets[redacted]";
  }
}
