package io.noderr.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.app.EmbeddedPlatforms;
import io.noderr.app.PlatformApi;
import io.noderr.app.Publications;
import io.noderr.cli.sim.FleetSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backup of a running embedded platform, its data directory wiped, restored, started again: the
 * same nodes (on the versions the rollout left them), the same published release, deployment and
 * audit log, the same simulated fleet. Real embedded PostgreSQL, Temporal and simulated agents.
 */
class BackupRestoreIT {

  private static final int NODES = 20;

  @TempDir Path work;

  @Test
  void backupWhileRunning_wipe_restore_start_bringsBackTheSamePlatform() throws Exception {
    Path dataDir = work.resolve("data");
    Path backup = work.resolve("noderr.backup");
    String deployment;
    Map<String, String> nodes;
    List<String> audit;
    List<String> telemetry;
    Map<String, List<String>> readModels;
    JsonNode applied;
    try (ConfigurableApplicationContext platform = EmbeddedPlatforms.start(dataDir, NODES)) {
      PlatformApi api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
      api.awaitFleet(NODES);
      String digest = FleetSimulator.digestOf("1.1.0");
      Publications.publish(api, "ALL", "1.1.0", digest);
      var response =
          api.post(
              "/api/v1/deployments",
              "admin",
              Map.of(
                  "version",
                  "1.1.0",
                  "tiers",
                  List.of("ALL"),
                  "imageDigest",
                  digest,
                  "steps",
                  List.of("100%"),
                  "soakSeconds",
                  0,
                  "rollbackWindowHours",
                  1));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      deployment = PlatformApi.json(response).path("id").asText();
      await()
          .atMost(120, TimeUnit.SECONDS)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> api.get("/api/v1/deployments/" + deployment, "sre").path("status").asText(),
              "COMPLETED"::equals);
      nodes = versions(api);
      assertThat(nodes.values()).contains("1.1.0", "1.0.0"); // tier ALL updated, the others not
      String jdbc = platform.getEnvironment().getRequiredProperty("spring.datasource.url");
      audit = rows(jdbc, "audit_log");
      readModels = readModels(jdbc);
      // Raw telemetry is partitioned by hour: backed up through its parent, never per partition.
      await().atMost(60, TimeUnit.SECONDS).until(() -> !rows(jdbc, "telemetry_samples").isEmpty());
      telemetry = rows(jdbc, "telemetry_samples");
      assertThat(readModels.get("rollouts")).singleElement().asString().contains(deployment);
      applied = api.get("/api/v1/simulator/applied-updates", "sre");
      assertThat(applied.path("nodes").size()).isPositive();

      String done =
          BackupMain.run("backup", "--to", backup.toString(), "--data-dir", dataDir.toString());
      assertThat(done).startsWith("backed up " + dataDir + " to " + backup + " (schema V");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
        .isEqualTo("rw-------");
    try (ZipFile zip = new ZipFile(backup.toFile())) {
      assertThat(zip.stream().map(ZipEntry::getName))
          .contains(BackupManifest.TABLES + "telemetry_samples.copy")
          .noneMatch(name -> name.startsWith(BackupManifest.TABLES + "telemetry_samples_"));
    }

    wipe(dataDir);
    String restored =
        BackupMain.run("restore", "--from", backup.toString(), "--data-dir", dataDir.toString());
    assertThat(restored).startsWith("restored " + backup + " into " + dataDir);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("gateway/gateway.key"))))
        .isEqualTo("rw-------");

    try (ConfigurableApplicationContext platform = EmbeddedPlatforms.start(dataDir, NODES)) {
      PlatformApi api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
      String jdbc = platform.getEnvironment().getRequiredProperty("spring.datasource.url");
      // What a restart may add comes after; everything from before is there, in order.
      assertThat(rows(jdbc, "audit_log")).startsWith(audit.toArray(String[]::new));
      assertThat(readModels(jdbc)).isEqualTo(readModels);
      assertThat(rows(jdbc, "telemetry_samples")).containsAll(telemetry);
      api.awaitFleet(NODES);
      assertThat(versions(api)).isEqualTo(nodes);
      assertThat(api.get("/api/v1/releases/published/ALL", "sre").path("version").asText())
          .isEqualTo("1.1.0");
      assertThat(api.get("/api/v1/simulator/applied-updates", "sre")).isEqualTo(applied);
    }
  }

  private static Map<String, String> versions(PlatformApi api) throws Exception {
    Map<String, String> versions = new TreeMap<>();
    for (JsonNode node : api.get("/api/v1/nodes?size=100", "sre").path("items")) {
      versions.put(node.path("id").asText(), node.path("version").asText());
    }
    assertThat(versions).hasSize(NODES);
    return versions;
  }

  /** The deployments, their nodes and the release requests, as the console reads them. */
  /**
   * The read models, without what a restart legitimately advances: a completed rollout inside its
   * rollback window is started again from its checkpoint (keeping the fast rollback possible),
   * which records a step, so its {@code last_step} and {@code updated_at} move on.
   */
  private static Map<String, List<String>> readModels(String jdbcUrl) throws Exception {
    Map<String, List<String>> tables = new TreeMap<>();
    for (String table :
        List.of("rollouts", "deployments", "deployment_nodes", "release_requests")) {
      tables.put(
          table,
          rows(
              jdbcUrl,
              table,
              table.equals("rollouts") ? Set.of("last_step", "updated_at") : Set.of()));
    }
    return tables;
  }

  /** Every row of {@code table}, all columns, in a stable order. */
  private static List<String> rows(String jdbcUrl, String table) throws Exception {
    return rows(jdbcUrl, table, Set.of());
  }

  /** Every row of {@code table}, all columns but {@code leftOut}, in a stable order. */
  private static List<String> rows(String jdbcUrl, String table, Set<String> leftOut)
      throws Exception {
    List<String> rows = new ArrayList<>();
    try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select * from " + table + " order by 1")) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          if (!leftOut.contains(result.getMetaData().getColumnName(column))) {
            row.add(result.getString(column));
          }
        }
        rows.add(String.join("|", row));
      }
    }
    if (!table.equals("audit_log")) {
      rows.sort(null); // rows whose first columns tie, in one order
    }
    return rows;
  }

  private static void wipe(Path dataDir) throws Exception {
    try (Stream<Path> all = Files.walk(dataDir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
