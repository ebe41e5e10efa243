package io.noderr.app.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code noderr compose-init}: everything docker-compose.yml needs that must not be in the
 * repository, generated once. It writes {@code .env} (passwords of the databases, the console
 * users' bcrypt hashes, the agent token's hash) and {@code deploy/secrets/} (the clear-text values
 * for the people and for Prometheus' credential file; under {@code alertmanager/} the receivers'
 * webhook URLs and SMTP password, see {@link AlertReceiverSecrets}), and never overwrites: the
 * database passwords live on in the volumes, so a second run that replaced them would lock the
 * stack out of its data. Nothing is written unless everything can be.
 */
public final class ComposeInit {

  static final String ENV_FILE = ".env";
  static final String SECRETS_DIR = "deploy/secrets";
  static final String PROMETHEUS_CREDENTIAL = "sre-password";
  static final String ALERTMANAGER_SECRETS_DIR = SECRETS_DIR + "/alertmanager";

  private final Path directory;
  private final String version;
  private final AlertReceiverSecrets alertReceivers;

  ComposeInit(Path directory, String version, AlertReceiverSecrets alertReceivers) {
    this.directory = directory;
    this.version = version;
    this.alertReceivers = alertReceivers;
  }

  public static void main(String[] args) {
    try {
      boolean withDir = args.length == 2 && args[0].equals("--dir");
      if (args.length != 0 && !withDir) {
        fail(2, "usage: noderr compose-init [--dir COMPOSE_PROJECT_DIR]");
      }
      Path directory = Path.of(withDir ? args[1] : ".");
      if (!Files.isDirectory(directory)) {
        fail(2, directory + " is not a directory (--dir names the compose project's directory)");
      }
      String version = ComposeInit.class.getPackage().getImplementationVersion();
      List<Path> written =
          new ComposeInit(
                  directory,
                  version == null ? "0.1.0-SNAPSHOT" : version,
                  AlertReceiverSecrets.fromEnvironment(System.getenv()))
              .write(ComposeSecrets.generate(new SecureRandom()));
      System.out.println("noderr: wrote " + describe(directory, written));
      System.out.println(
          "noderr: console logins: admin / "
              + SECRETS_DIR
              + "/admin-password, sre / "
              + SECRETS_DIR
              + "/sre-password; next: ./noderr images && docker compose up -d");
    } catch (Refused e) {
      fail(1, e.getMessage());
    } catch (IOException e) {
      fail(1, "compose-init failed, nothing was kept: " + e.getMessage());
    }
  }

  /** Writes every file, or (when one exists already, or a write fails) none. */
  List<Path> write(ComposeSecrets secrets) throws IOException {
    Map<Path, FileContent> files = files(secrets);
    List<String> existing =
        files.keySet().stream()
            .filter(Files::exists)
            .map(path -> directory.relativize(path).toString())
            .toList();
    if (!existing.isEmpty()) {
      throw new Refused(
          String.join(", ", existing)
              + " already exist(s); compose-init never overwrites (the stack's volumes hold the"
              + " old passwords). Remove them only together with the volumes: docker compose down"
              + " -v");
    }
    Path secretsDir = directory.resolve(SECRETS_DIR);
    Path alertmanagerDir = directory.resolve(ALERTMANAGER_SECRETS_DIR);
    boolean createdSecretsDir = !Files.isDirectory(secretsDir);
    boolean createdAlertmanagerDir = !Files.isDirectory(alertmanagerDir);
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(secretsDir);
      // Also when it existed: the Prometheus credential inside is readable by anyone who may
      // enter the directory.
      Files.setPosixFilePermissions(secretsDir, PosixFilePermissions.fromString("rwx------"));
      // Alertmanager reads it as another user through its own bind mount (the 0700 parent does
      // not apply inside the container).
      Files.createDirectories(alertmanagerDir);
      Files.setPosixFilePermissions(alertmanagerDir, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (Map.Entry<Path, FileContent> file : files.entrySet()) {
        Files.createFile(
            file.getKey(),
            PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(file.getValue().permissions())));
        written.add(file.getKey());
        Files.writeString(file.getKey(), file.getValue().text(), StandardCharsets.UTF_8);
      }
      return written;
    } catch (IOException e) {
      for (Path path : written) {
        Files.deleteIfExists(path);
      }
      if (createdAlertmanagerDir) {
        Files.deleteIfExists(alertmanagerDir);
      }
      if (createdSecretsDir) {
        Files.deleteIfExists(secretsDir);
      }
      throw e;
    }
  }

  private Map<Path, FileContent> files(ComposeSecrets secrets) {
    Path secretsDir = directory.resolve(SECRETS_DIR);
    Map<Path, FileContent> files = new LinkedHashMap<>();
    files.put(directory.resolve(ENV_FILE), FileContent.ownerOnly(envFile(secrets)));
    files.put(secretsDir.resolve("admin-password"), FileContent.ownerOnly(secrets.adminPassword()));
    // Prometheus reads this inside its container as another user: readable, in a 0700 directory.
    files.put(
        secretsDir.resolve(PROMETHEUS_CREDENTIAL),
        new FileContent(secrets.srePassword(), "rw-r--r--"));
    files.put(secretsDir.resolve("agent-token"), FileContent.ownerOnly(secrets.agentToken()));
    files.put(
        secretsDir.resolve("grafana-admin-password"),
        FileContent.ownerOnly(secrets.grafanaPassword()));
    // Alertmanager runs as another user inside its container, like Prometheus above.
    alertReceivers
        .files()
        .forEach(
            (name, value) ->
                files.put(
                    directory.resolve(ALERTMANAGER_SECRETS_DIR).resolve(name),
                    new FileContent(value, "rw-r--r--")));
    return files;
  }

  private String envFile(ComposeSecrets secrets) {
    return "# Written by ./noderr compose-init. Secrets: keep this file private; never commit it.\n"
        + secrets.environment(version).entrySet().stream()
            .map(variable -> variable.getKey() + "='" + variable.getValue() + "'")
            .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String describe(Path directory, List<Path> written) {
    return written.stream()
        .map(path -> directory.relativize(path).toString())
        .collect(Collectors.joining(", "));
  }

  private static void fail(int code, String message) {
    System.err.println("noderr: " + message);
    System.exit(code);
  }

  /** A file's text (ending in a newline) and its mode. */
  private record FileContent(String text, String permissions) {
    FileContent {
      text = text.endsWith("\n") ? text : text + "\n";
    }

    static FileContent ownerOnly(String text) {
      return new FileContent(text, "rw-------");
    }
  }

  /** A run that would overwrite something. */
  static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }
}
