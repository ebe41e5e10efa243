package io.noderr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out stack as a new SRE meets it: {@code ./noderr compose-init}, then Compose (the
 * plugin, or Debian's docker-compose 1.29) validates docker-compose.yml with nothing but the
 * generated files; and the stack is what docs/compose.md promises.
 */
class ComposeStackTest {

  @TempDir static Path temp;
  private static ComposeProject project;
  private static JsonNode config;

  @BeforeAll
  static void composeInit() throws Exception {
    project = ComposeProject.copy(temp);
    project.composeInit().requireSuccess();
    config = project.resolved();
  }

  @Test
  void composeInit_writesEnvAndSecrets_privately_andComposeTakesTheHashesLiterally()
      throws Exception {
    assertThat(permissions(".env")).isEqualTo("rw-------");
    assertThat(permissions("deploy/secrets")).isEqualTo("rwx------");
    assertThat(permissions("deploy/secrets/admin-password")).isEqualTo("rw-------");
    // Prometheus reads its credential file as another user inside its container.
    assertThat(permissions("deploy/secrets/sre-password")).isEqualTo("rw-r--r--");

    JsonNode console = config.path("services").path("noderr-console").path("environment");
    String adminHash = project.env("NODERR_ADMIN_PASSWORD_HASH");
    assertThat(adminHash).startsWith("$2a$10$").hasSize(60);
    // `config` prints a literal $ as $$: the hash arrives whole, nothing was interpolated.
    assertThat(console.path("NODERR_CONSOLE_USERS_0_PASSWORDHASH").asText().replace("$$", "$"))
        .isEqualTo(adminHash);
    assertThat(console.path("NODERR_DB_PASSWORD").asText())
        .isEqualTo(project.env("NODERR_DB_PASSWORD"))
        .hasSize(48);
    assertThat(console.path("NODERR_AGENT_TOKEN_HASH").asText())
        .isEqualTo(sha256(Files.readString(secret("agent-token")).strip()));
    assertThat(config.path("services").path("noderr-console").path("image").asText())
        .isEqualTo("noderr/platform:" + Tools.VERSION);
  }

  @Test
  void composeInit_neverOverwrites_andSaysSoInOneLine() throws Exception {
    String before = Files.readString(project.directory.resolve(".env"));

    Tools.Result again = project.composeInit();

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr().lines().filter(line -> line.startsWith("noderr:")))
        .singleElement()
        .asString()
        .contains(".env", "never overwrites");
    assertThat(Files.readString(project.directory.resolve(".env"))).isEqualTo(before);
  }

  @Test
  void composeInit_intoADirectoryThatIsNotThere_failsInOneLine_andWritesNothing(
      @TempDir Path parent) throws Exception {
    Path missing = parent.resolve("nowhere");

    Tools.Result refused =
        Tools.platformTool(parent, "io.noderr.app.setup.ComposeInit", "--dir", missing.toString());

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr().strip())
        .isEqualTo(
            "noderr: "
                + missing
                + " is not a directory"
                + " (--dir names the compose project's directory)");
    assertThat(missing).doesNotExist();
  }

  @Test
  void withoutComposeInit_composeRefuses_andNamesIt(@TempDir Path empty) throws Exception {
    Tools.Result refused = ComposeProject.copy(empty).config();

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stdout() + refused.stderr()).contains("run ./noderr compose-init first");
  }

  @Test
  void servicesNetworksAndPorts_areWhatDocsComposeMdPromises() throws Exception {
    Map<String, List<String>> promised = DocsTable.rows(Tools.ROOT.resolve("docs/compose.md"));
    Map<String, List<String>> actual = new LinkedHashMap<>();
    config
        .path("services")
        .properties()
        .forEach(
            service ->
                actual.put(
                    service.getKey(),
                    List.of(
                        imageName(service.getValue().path("image").asText()),
                        String.join(", ", names(service.getValue().path("networks"))),
                        String.join(", ", ports(service.getValue().path("ports"))))));

    assertThat(actual).isEqualTo(promised);
  }

  @Test
  void temporal_isHealthChecked_exportsMetrics_andNodesCannotReachIt() {
    JsonNode temporal = config.path("services").path("temporal");
    assertThat(temporal.path("healthcheck").path("test").toString()).contains("cluster health");
    assertThat(temporal.path("environment").path("PROMETHEUS_ENDPOINT").asText())
        .isEqualTo("0.0.0.0:8000");
    assertThat(temporal.has("ports")).isFalse();
    assertThat(names(temporal.path("networks"))).containsExactly("backend");
    assertThat(config.path("networks").path("backend").path("internal").asBoolean()).isTrue();
  }

  @Test
  void everyLongRunningServiceRestarts_andThePlatformWaitsForTheSearchAttributes() {
    config
        .path("services")
        .properties()
        .forEach(
            service -> {
              String expected =
                  service.getKey().equals("temporal-setup") ? "on-failure" : "unless-stopped";
              assertThat(service.getValue().path("restart").asText())
                  .as(service.getKey())
                  .isEqualTo(expected);
            });
    for (String role : List.of("noderr-console", "noderr-worker")) {
      assertThat(
              config
                  .path("services")
                  .path(role)
                  .path("depends_on")
                  .path("temporal-setup")
                  .path("condition")
                  .asText())
          .isEqualTo("service_completed_successfully");
    }
    assertThat(config.path("services").path("temporal-setup").path("volumes").toString())
        .contains("search-attributes.txt");
    assertThat(config.path("services").path("noderr-console").path("healthcheck").toString())
        .contains("/actuator/health");
  }

  @Test
  void registrationScript_passesShellcheck() throws Exception {
    String shellcheck = Tools.require("shellcheck", "shellcheck");
    Tools.run(
            Tools.ROOT,
            List.of(shellcheck, "-s", "sh", "deploy/temporal/register-search-attributes.sh"))
        .requireSuccess();
  }

  private static String imageName(String image) {
    int tag = image.lastIndexOf(':');
    return image.startsWith("noderr/") && tag > 0 ? image.substring(0, tag) : image;
  }

  private static Set<String> names(JsonNode networks) {
    Set<String> names = new TreeSet<>();
    if (networks.isArray()) {
      networks.forEach(network -> names.add(network.asText()));
    } else {
      networks.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  /** "127.0.0.1:8080:8080" whether Compose prints the short form (1.29) or the long one (v2). */
  private static List<String> ports(JsonNode ports) {
    List<String> published = new ArrayList<>();
    for (JsonNode port : ports) {
      published.add(
          port.isTextual()
              ? port.asText().replaceAll("/tcp$", "")
              : port.path("host_ip").asText()
                  + ":"
                  + port.path("published").asText()
                  + ":"
                  + port.path("target").asText());
    }
    return published.isEmpty() ? List.of("—") : published;
  }

  private static String permissions(String path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(project.directory.resolve(path)));
  }

  private static Path secret(String name) {
    return project.directory.resolve("deploy/secrets").resolve(name);
  }

  private static String sha256(String value) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes()));
  }
}
