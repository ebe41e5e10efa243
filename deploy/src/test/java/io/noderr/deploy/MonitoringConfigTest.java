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
  void alertmanagerConfig_passesAmtool() throws Exception {
    String amtool = Tools.require("amtool", "prometheus-alertmanager");
    Tools.run(DEPLOY.resolve("alertmanager"), List.of(amtool, "check-config", "alertmanager.yml"))
        .requireSuccess();
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
