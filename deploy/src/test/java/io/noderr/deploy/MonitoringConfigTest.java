package io.noderr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus, Alertmanager and Grafana as compose mounts them, checked by their own tools: promtool
 * (config, rules and the rules' unit tests), amtool, and every dashboard query parsed by promtool
 * as a recording rule.
 */
class MonitoringConfigTest {

  private static final Path DEPLOY = Tools.ROOT.resolve("deploy");
  private static final Path ALERTMANAGER = DEPLOY.resolve("alertmanager/alertmanager.yml");

  @Test
  void prometheusConfig_passesPromtool() throws Exception {
    promtool(DEPLOY.resolve("prometheus"), "check", "config", "prometheus.yml");
  }

  @Test
  void alertRules_passPromtool_andTheirUnitTests() throws Exception {
    Path prometheus = DEPLOY.resolve("prometheus");
    promtool(prometheus, "check", "rules", "rules/noderr.yml");
    Tools.Result tests = promtool(prometheus, "test", "rules", "rules/noderr-test.yml");
    assertThat(tests.stdout()).contains("SUCCESS");
  }

  @Test
  void everyRunbookLink_resolvesToASectionOfADoc() throws Exception {
    List<String> links = new ArrayList<>();
    for (JsonNode group :
        ComposeProject.YAML
            .readTree(DEPLOY.resolve("prometheus/rules/noderr.yml").toFile())
            .path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String link = rule.path("annotations").path("runbook_url").asText();
        if (!link.isEmpty()) {
          links.add(link);
        }
      }
    }
    assertThat(links).hasSizeGreaterThanOrEqualTo(10);
    for (String link : links) {
      String[] fileAndSection = link.split("#", 2);
      Path doc = Tools.ROOT.resolve(fileAndSection[0]);
      assertThat(doc).as(link).isRegularFile();
      assertThat(fileAndSection).as(link).hasSize(2);
      assertThat(
              Files.readAllLines(doc).stream()
                  .filter(line -> line.startsWith("#"))
                  .map(MonitoringConfigTest::anchorOf))
          .as(link)
          .contains(fileAndSection[1]);
    }
  }

  /** The anchor a Markdown heading gets on GitHub: lower case, punctuation dropped, spaces '-'. */
  private static String anchorOf(String heading) {
    return heading
        .replaceFirst("^#+\\s*", "")
        .strip()
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9 _-]", "")
        .replace(' ', '-');
  }

  @Test
  void alertmanagerConfig_passesAmtool_andRoutesBySeverity(@TempDir Path temp) throws Exception {
    Path checked = amtoolReadableCopy(temp);
    amtool("check-config", checked.toString());

    assertThat(routes(checked, "severity=critical")).isEqualTo("incident-webhook,oncall");
    assertThat(routes(checked, "severity=warning")).isEqualTo("incident-webhook,platform-team");
    assertThat(routes(checked, "severity=info")).isEqualTo("platform-team");
  }

  @Test
  void everyAlertmanagerReceiver_announcesResolutions_andReadsItsSecretsFromFiles()
      throws Exception {
    JsonNode config = ComposeProject.YAML.readTree(ALERTMANAGER.toFile());
    Set<String> types = new HashSet<>();
    for (JsonNode receiver : config.path("receivers")) {
      receiver
          .properties()
          .forEach(
              field -> {
                if (!field.getKey().endsWith("_configs")) {
                  return;
                }
                types.add(field.getKey());
                for (JsonNode channel : field.getValue()) {
                  String where = receiver.path("name").asText() + "/" + field.getKey();
                  assertThat(channel.path("send_resolved").asBoolean()).as(where).isTrue();
                  channel
                      .properties()
                      .forEach(
                          key ->
                              assertThat(key.getKey())
                                  .as(where + ": a secret inline")
                                  .isNotIn("api_url", "webhook_url", "url"));
                }
              });
    }
    assertThat(types)
        .containsExactlyInAnyOrder(
            "slack_configs", "discord_configs", "webhook_configs", "email_configs");
    assertThat(secretFiles(config))
        .containsExactlyInAnyOrder(
            "/etc/alertmanager/secrets/slack-url",
            "/etc/alertmanager/secrets/discord-url",
            "/etc/alertmanager/secrets/webhook-url",
            "/etc/alertmanager/secrets/smtp-password");
  }

  /** The {@code *_file} paths the Alertmanager config reads (compose-init writes them all). */
  static Set<String> secretFiles(JsonNode node) {
    Set<String> files = new HashSet<>();
    node.properties()
        .forEach(
            field -> {
              if (field.getKey().endsWith("_file") && field.getValue().isTextual()) {
                files.add(field.getValue().asText());
              }
              files.addAll(secretFiles(field.getValue()));
            });
    if (node.isArray()) {
      node.forEach(element -> files.addAll(secretFiles(element)));
    }
    return files;
  }

  /**
   * Debian's amtool is 0.25: it knows Discord and webhook receivers but not their {@code *_file}
   * keys (0.26). It checks a copy with inline example URLs there; the other test checks the keys.
   */
  private static Path amtoolReadableCopy(Path temp) throws IOException {
    String config =
        Files.readString(ALERTMANAGER)
            .replace(
                "webhook_url_file: /etc/alertmanager/secrets/discord-url",
                "webhook_url: https://discord.example/api/webhooks/1/x")
            .replace(
                "url_file: /etc/alertmanager/secrets/webhook-url",
                "url: https://incidents.example/hook");
    assertThat(secretFiles(ComposeProject.YAML.readTree(config)))
        .doesNotContain(
            "/etc/alertmanager/secrets/discord-url", "/etc/alertmanager/secrets/webhook-url");
    return Files.writeString(temp.resolve("alertmanager.yml"), config);
  }

  /** The receivers an alert with these labels reaches, as {@code amtool config routes test}. */
  private static String routes(Path config, String... labels) throws Exception {
    List<String> args = new ArrayList<>(List.of("config", "routes", "test"));
    args.add("--config.file=" + config);
    args.addAll(List.of(labels));
    return amtool(args.toArray(String[]::new)).stdout().strip();
  }

  private static Tools.Result amtool(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(Tools.require("amtool", "prometheus-alertmanager")));
    command.addAll(List.of(args));
    return Tools.run(DEPLOY.resolve("alertmanager"), command).requireSuccess();
  }

  @Test
  void everyDashboardQuery_isValidPromQl_onADataSourceThatIsProvisioned(@TempDir Path temp)
      throws Exception {
    Set<String> dataSources = provisionedDataSourceUids();
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboardPanels()) {
      String uid = panel.path("datasource").path("uid").asText();
      assertThat(dataSources).as(panel.path("title").asText()).contains(uid);
      if (uid.equals("prometheus")) {
        panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
      }
    }
    assertThat(expressions).hasSizeGreaterThan(5);

    // promtool parses PromQL only in rule files: each query becomes a recording rule.
    List<Map<String, String>> rules = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      rules.add(Map.of("record", "dashboard_query_" + i, "expr", expressions.get(i)));
    }
    ComposeProject.YAML.writeValue(
        temp.resolve("dashboards.yml").toFile(),
        Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules))));
    promtool(temp, "check", "rules", "dashboards.yml");
  }

  private static Tools.Result promtool(Path directory, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Tools.require("promtool", "prometheus")));
    command.addAll(List.of(args));
    return Tools.run(directory, command).requireSuccess();
  }

  private static Set<String> provisionedDataSourceUids() throws IOException {
    Set<String> uids = new HashSet<>();
    ComposeProject.YAML
        .readTree(DEPLOY.resolve("grafana/provisioning/datasources/datasources.yml").toFile())
        .path("datasources")
        .forEach(source -> uids.add(source.path("uid").asText()));
    return uids;
  }

  private static List<JsonNode> dashboardPanels() throws IOException {
    List<JsonNode> panels = new ArrayList<>();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
      for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
        new ObjectMapper().readTree(file.toFile()).path("panels").forEach(panels::add);
      }
    }
    return panels;
  }
}
