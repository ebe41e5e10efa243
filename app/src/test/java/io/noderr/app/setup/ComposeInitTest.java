package io.noderr.app.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.http.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** compose-init's files; Compose reading them: deploy/'s ComposeStackTest. */
class ComposeInitTest {

  private static final AlertReceiverSecrets NO_RECEIVERS =
      AlertReceiverSecrets.fromEnvironment(Map.of());

  @TempDir Path directory;

  @Test
  void writesAlertmanagersReceiverSecrets_fromTheChannelsEnvironment_emptyWhenUnset()
      throws Exception {
    AlertReceiverSecrets receivers =
        AlertReceiverSecrets.fromEnvironment(
            Map.of(
                "NODERR_ALERTS_DISCORD_URL", "https://discord.example/api/webhooks/1/t ",
                "NODERR_SMTP_PASSWORD", "smtp-secret"));

    new ComposeInit(directory, "1", receivers).write(ComposeSecrets.generate(new SecureRandom()));

    Path alertmanager = directory.resolve(ComposeInit.ALERTMANAGER_SECRETS_DIR);
    assertThat(Files.readString(alertmanager.resolve("discord-url")))
        .isEqualTo("https://discord.example/api/webhooks/1/t\n");
    assertThat(Files.readString(alertmanager.resolve("smtp-password"))).isEqualTo("smtp-secret\n");
    assertThat(Files.readString(alertmanager.resolve("slack-url"))).isEqualTo("\n");
    assertThat(Files.readString(alertmanager.resolve("webhook-url"))).isEqualTo("\n");
    assertThat(receivers.toString()).doesNotContain("smtp-secret", "discord");
    // Alertmanager reads them as another user through its own mount of this directory.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(alertmanager)))
        .isEqualTo("rwxr-xr-x");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(alertmanager.resolve("slack-url"))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void writesHashesThatMatchTheClearTextFiles_andNoSecretInClearInEnv() throws Exception {
    ComposeSecrets secrets = ComposeSecrets.generate(new SecureRandom());

    new ComposeInit(directory, "1.2.3", NO_RECEIVERS).write(secrets);

    String env = Files.readString(directory.resolve(".env"));
    String adminHash = value(env, "NODERR_ADMIN_PASSWORD_HASH");
    String admin = Files.readString(directory.resolve("deploy/secrets/admin-password")).strip();
    assertThat(new BCryptPasswordEncoder().matches(admin, adminHash)).isTrue();
    assertThat(value(env, "NODERR_AGENT_TOKEN_HASH"))
        .isEqualTo(
            Secrets.sha256Hex(
                Files.readString(directory.resolve("deploy/secrets/agent-token")).strip()));
    assertThat(value(env, "NODERR_VERSION")).isEqualTo("1.2.3");
    assertThat(env)
        .doesNotContain(secrets.adminPassword(), secrets.srePassword(), secrets.agentToken());
    assertThat(secrets.toString()).doesNotContain(secrets.adminPassword());
  }

  @Test
  void anExistingSecretsDirectory_isMadeOwnerOnly_beforeAnythingIsWrittenInIt() throws Exception {
    Path secretsDir = Files.createDirectories(directory.resolve(ComposeInit.SECRETS_DIR));
    Files.setPosixFilePermissions(secretsDir, PosixFilePermissions.fromString("rwxr-xr-x"));

    new ComposeInit(directory, "1", NO_RECEIVERS)
        .write(ComposeSecrets.generate(new SecureRandom()));

    // The Prometheus credential file is world-readable: only its directory keeps it private.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretsDir)))
        .isEqualTo("rwx------");
  }

  @Test
  void refusesWhenAnyFileExists_andWritesNothing() throws Exception {
    Path secretsDir = Files.createDirectories(directory.resolve(ComposeInit.SECRETS_DIR));
    Files.writeString(secretsDir.resolve("agent-token"), "kept\n");

    assertThatThrownBy(
            () ->
                new ComposeInit(directory, "1", NO_RECEIVERS)
                    .write(ComposeSecrets.generate(new SecureRandom())))
        .isInstanceOf(ComposeInit.Refused.class)
        .hasMessageContaining("deploy/secrets/agent-token")
        .hasMessageContaining("never overwrites");
    assertThat(directory.resolve(".env")).doesNotExist();
    assertThat(Files.readString(secretsDir.resolve("agent-token"))).isEqualTo("kept\n");
  }

  @Test
  void aFailedWrite_leavesNothingBehind() throws Exception {
    Path secretsDir = Files.createDirectories(directory.resolve(ComposeInit.SECRETS_DIR));
    // A dangling link passes the "exists?" check, then fails the exclusive create: by then .env
    // and the admin password are written and must go again.
    Files.createSymbolicLink(
        secretsDir.resolve(ComposeInit.PROMETHEUS_CREDENTIAL), directory.resolve("nowhere/x"));

    assertThatThrownBy(
            () ->
                new ComposeInit(directory, "1", NO_RECEIVERS)
                    .write(ComposeSecrets.generate(new SecureRandom())))
        .isNotInstanceOf(ComposeInit.Refused.class);

    assertThat(directory.resolve(".env")).doesNotExist();
    assertThat(secretsDir.resolve("admin-password")).doesNotExist();
  }

  private static String value(String env, String name) {
    return env.lines()
        .filter(line -> line.startsWith(name + "="))
        .map(line -> line.substring(name.length() + 2, line.length() - 1))
        .findFirst()
        .orElseThrow();
  }
}
