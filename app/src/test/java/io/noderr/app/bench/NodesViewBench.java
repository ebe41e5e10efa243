package io.noderr.app.bench;

import static io.noderr.app.bench.BenchPlatform.printPercentiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.app.ConsoleBrowser;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.node.LivenessReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code ./noderr bench nodes-view [--nodes N]}: the embedded platform with N simulated nodes
 * (default 10,000) in this JVM; the node list API, the liveness paths and the Nodes view in
 * headless Chromium. Prints one figure per line; asserts nothing.
 */
public final class NodesViewBench {

  private static final int ROUNDS = 10;

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 10_000);
    try (BenchPlatform platform = BenchPlatform.start(nodes)) {
      HttpClient http = HttpClient.newHttpClient();
      URI base = platform.base;
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("sre:noderr-demo".getBytes(StandardCharsets.UTF_8));
      String token = "Bearer " + apiToken(http, base, basic);
      measureApi(http, base, token, "/api/v1/nodes?size=50", "api page of 50 (API token), ms");
      measureApi(http, base, basic, "/api/v1/nodes?size=50", "api page of 50 (Basic), ms");
      measureApi(
          http,
          base,
          token,
          "/api/v1/nodes?size=50&tier=ORACLE&status=ACTIVE&sort=lastSeen&order=desc",
          "api filtered+sorted page (API token), ms");
      measureApi(
          http, base, token, "/api/v1/nodes?size=50&q=op-cygnus", "api text search page, ms");
      measureApi(http, base, token, "/api/v1/fleet/health", "api fleet health, ms");
      measureLiveness(platform.context.getBean(LivenessRegistry.class), nodes);

      try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
        browser.signIn("admin", "noderr-demo");
        List<Double> open = new ArrayList<>();
        List<Double> search = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
          long t0 = System.nanoTime();
          browser.open("/nodes");
          browser.waitForText(nodes + " matching");
          browser.waitForText("sim-00001");
          open.add((System.nanoTime() - t0) / 1e6);
          long t1 = System.nanoTime();
          browser.type("node-search", "sim-%05d".formatted(nodes - i));
          browser.waitForText("1 matching");
          search.add((System.nanoTime() - t1) / 1e6);
        }
        printPercentiles("nodes view open to first rows, ms", open);
        printPercentiles("nodes view search to filtered rows, ms", search);
      }
      BenchPlatform.printPeakHeap();
    }
  }

  /** The two statements that keep last-seen and DEGRADED honest, at fleet size. */
  private static void measureLiveness(LivenessRegistry liveness, int nodes) {
    List<Double> sweeps = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long t0 = System.nanoTime();
      liveness.degradeSilentNodes(Duration.ofHours(1));
      sweeps.add((System.nanoTime() - t0) / 1e6);
    }
    printPercentiles("silent-node sweep over the fleet, ms", sweeps);
    var batch =
        IntStream.range(0, 500)
            .mapToObj(
                i ->
                    new LivenessReport(
                        "sim-%05d".formatted(1 + i * (nodes / 500)),
                        "1.0.0",
                        null,
                        "HEALTHY",
                        1,
                        2,
                        3))
            .collect(Collectors.toList());
    List<Double> beats = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long t0 = System.nanoTime();
      liveness.recordHeartbeats(batch);
      beats.add((System.nanoTime() - t0) / 1e6);
    }
    printPercentiles("heartbeat batch of 500 written, ms", beats);
  }

  /** An SRE's API token, as automation would use: {@code POST /api/v1/tokens}. */
  private static String apiToken(HttpClient http, URI base, String basic) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/tokens"))
                .header("Authorization", basic)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"bench\", \"roles\": [\"SRE\"], \"expiresInDays\": 1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("token refused: " + created.body());
    }
    return new ObjectMapper().readTree(created.body()).path("token").asText();
  }

  /** 200 sequential requests after 20 warm-up ones: enough samples for a p95. */
  private static void measureApi(
      HttpClient http, URI base, String authorization, String path, String label) throws Exception {
    for (int i = 0; i < 20; i++) {
      get(http, base, authorization, path);
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long t0 = System.nanoTime();
      get(http, base, authorization, path);
      times.add((System.nanoTime() - t0) / 1e6);
    }
    printPercentiles(label, times);
  }

  private static void get(HttpClient http, URI base, String authorization, String path)
      throws Exception {
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", authorization)
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
  }
}
