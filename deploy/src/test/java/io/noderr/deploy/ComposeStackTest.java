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
  void alertmanager_findsEverySecretFileItsConfigNames_whereComposeInitWroteThem()
      throws Exception {
    JsonNode alertmanager = config.path("services").path("alertmanager");
    assertThat(alertmanager.path("volumes").toString())
        .contains("deploy/secrets/alertmanager", "/etc/alertmanager/secrets");
    Set<String> files =
        MonitoringConfigTest.secretFiles(
            ComposeProject.YAML.readTree(
                project.directory.resolve("deploy/alertmanager/alertmanager.yml").toFile()));
    assertThat(files).isNotEmpty();
    for (String file : files) {
      assertThat(file).startsWith("/etc/alertmanager/secrets/");
      Path written =
          project
              .directory
              .resolve("deploy/secrets/alertmanager")
              .resolve(file.substring("/etc/alertmanager/secrets/".length()));
      assertThat(written).exists();
      // Alertmanager reads it as another user inside its container.
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
          .isEqualTo("rw-r--r--");
    }
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
  void otelCollector_isThePlatformsDefaultOtlpEndpoint_andForwardsToTempo_whichGrafanaReads()
      throws Exception {
    JsonNode services = config.path("services");
    JsonNode collector = services.path("otel-collector");
    for (String role : List.of("noderr-console", "noderr-worker")) {
      assertThat(services.path(role).path("environment").path("NODERR_OTLP_ENDPOINT").asText())
          .as(role)
          .isEqualTo("http://otel-collector:4317");
      assertThat(names(services.path(role).path("networks")))
          .as(role + " reaches the collector")
          .containsAnyElementsOf(names(collector.path("networks")));
    }
    assertThat(collector.path("command").toString())
        .contains("--config=/etc/otelcol/otel-collector.yml");
    assertThat(collector.path("volumes").toString())
        .contains("deploy/otel/otel-collector.yml", "/etc/otelcol/otel-collector.yml");

    JsonNode otel = yaml("deploy/otel/otel-collector.yml");
    assertThat(otel.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint"))
        .hasToString("\"0.0.0.0:4317\"");
    JsonNode traces = otel.path("service").path("pipelines").path("traces");
    for (String section : List.of("receivers", "processors", "exporters")) {
      assertThat(traces.path(section)).as(section).isNotEmpty();
      traces
          .path(section)
          .forEach(
              component ->
                  assertThat(otel.path(section).has(component.asText()))
                      .as(section + " " + component.asText() + " is configured")
                      .isTrue());
    }
    assertThat(names(traces.path("exporters"))).contains("debug", "otlp/tempo");

    // The collector's Tempo exporter reaches the tempo service's OTLP receiver on their network.
    String tempoEndpoint = otel.path("exporters").path("otlp/tempo").path("endpoint").asText();
    assertThat(tempoEndpoint).isEqualTo("tempo:4317");
    JsonNode tempoService = services.path("tempo");
    assertThat(names(tempoService.path("networks")))
        .containsAnyElementsOf(names(collector.path("networks")));
    assertThat(tempoService.path("command").toString())
        .contains("-config.file=/etc/tempo/tempo.yml");
    assertThat(tempoService.path("volumes").toString())
        .contains("deploy/tempo/tempo.yml", "/etc/tempo/tempo.yml");
    JsonNode tempo = yaml("deploy/tempo/tempo.yml");
    assertThat(
            tempo
                .path("distributor")
                .path("receivers")
                .path("otlp")
                .path("protocols")
                .path("grpc")
                .path("endpoint")
                .asText())
        .endsWith(":4317");

    JsonNode tempoSource = null;
    for (JsonNode source :
        yaml("deploy/grafana/provisioning/datasources/datasources.yml").path("datasources")) {
      if (source.path("type").asText().equals("tempo")) {
        tempoSource = source;
      }
    }
    assertThat(tempoSource).as("a provisioned Tempo data source").isNotNull();
    assertThat(tempoSource.path("url").asText())
        .isEqualTo("http://tempo:" + tempo.path("server").path("http_listen_port").asInt());
    assertThat(names(services.path("grafana").path("networks")))
        .containsAnyElementsOf(names(tempoService.path("networks")));
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

  private static JsonNode yaml(String path) throws IOException {
    return ComposeProject.YAML.readTree(project.directory.resolve(path).toFile());
  }

  private static Path secret(String name) {
    return project.directory.resolve("deploy/secrets").resolve(name);
  }

  private static String sha256(String value) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes()));
  }
}
