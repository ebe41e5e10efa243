package io.noderr.app.bench;

import io.noderr.app.ConsoleBrowser;
import io.noderr.app.LaunchOptions;
import io.noderr.app.NoderrApplication;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./noderr bench nodes-view [--nodes N]}: the embedded platform with N simulated nodes
 * (default 10,000) in this JVM, then the Nodes view in headless Chromium and the node list API.
 * Prints one figure per line; asserts nothing.
 */
public final class NodesViewBench {

  private static final int ROUNDS = 10;

  public static void main(String[] args) throws Exception {
    int nodes = args.length == 2 && args[0].equals("--nodes") ? Integer.parseInt(args[1]) : 10_000;
    Path dataDir = Files.createTempDirectory("noderr-bench");
    long started = System.nanoTime();
    ConfigurableApplicationContext platform =
        NoderrApplication.start(
            LaunchOptions.parse(
                "--data-dir",
                dataDir.toString(),
                "--sim-nodes",
                Integer.toString(nodes),
                "--port",
                "0",
                "--temporal-port",
                "0"));
    try {
      URI base =
          URI.create(
              "http://127.0.0.1:"
                  + ((WebServerApplicationContext) platform).getWebServer().getPort());
      HttpClient http = HttpClient.newHttpClient();
      while (total(http, base) < nodes) {
        Thread.sleep(200);
      }
      print("nodes", nodes);
      print("seconds until all nodes enrolled", (System.nanoTime() - started) / 1e9);

      measureApi(http, base, "/api/v1/nodes?size=50", "api page of 50, ms");
      measureApi(
          http,
          base,
          "/api/v1/nodes?size=50&tier=ORACLE&status=ACTIVE&sort=lastSeen&order=desc",
          "api filtered+sorted page, ms");
      measureApi(http, base, "/api/v1/nodes?size=50&q=op-cygnus", "api text search page, ms");
      measureApi(http, base, "/api/v1/fleet/health", "api fleet health, ms");

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
          String target = "sim-%05d".formatted(nodes - i);
          long t1 = System.nanoTime();
          browser.type("node-search", target);
          browser.waitForText("1 matching");
          search.add((System.nanoTime() - t1) / 1e6);
        }
        printPercentiles("nodes view open to first rows, ms", open);
        printPercentiles("nodes view search to filtered rows, ms", search);
      }
      print("peak heap used, MiB", peakHeapMiB());
    } finally {
      platform.close();
    }
  }

  private static long total(HttpClient http, URI base) throws Exception {
    String body = get(http, base, "/api/v1/fleet/health");
    int at = body.indexOf("\"total\":");
    return Long.parseLong(body.substring(at + 8, body.indexOf(',', at)));
  }

  private static void measureApi(HttpClient http, URI base, String path, String label)
      throws Exception {
    get(http, base, path); // warm-up
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long t0 = System.nanoTime();
      get(http, base, path);
      times.add((System.nanoTime() - t0) / 1e6);
    }
    printPercentiles(label, times);
  }

  private static String get(HttpClient http, URI base, String path) throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("sre:noderr-demo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Basic " + auth)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return response.body();
  }

  private static void printPercentiles(String label, List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    print(label + " p50", sorted.get(sorted.size() / 2));
    print(label + " max", sorted.getLast());
  }

  private static long peakHeapMiB() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
            .mapToLong(pool -> pool.getPeakUsage().getUsed())
            .sum()
        / (1024 * 1024);
  }

  private static void print(String label, double value) {
    System.out.println(String.format(Locale.ROOT, "%s: %.1f", label, value));
  }
}
