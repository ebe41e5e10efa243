package io.noderr.app.bench;

import static io.noderr.app.bench.BenchPlatform.print;
import static io.noderr.app.bench.BenchPlatform.printPercentiles;

import io.noderr.app.ConsoleBrowser;
import io.noderr.app.TelemetryHistory;
import io.noderr.app.TelemetryHistory.NodeRef;
import io.noderr.console.observe.ChartWindow;
import io.noderr.console.observe.TelemetryCharts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code ./noderr bench charts [--nodes N] [--minutes M]}: the embedded platform with N simulated
 * nodes (default 10,000) that reported every 10 s for the last M minutes (default 60, written as
 * history first, then rolled up by the retention job's code), while the live fleet keeps reporting.
 * Measures the dashboard's and the node page's charts in the service (queries + SVG) for each
 * window, and both pages in headless Chromium from navigation to the drawn chart. Prints one figure
 * per line; asserts nothing.
 */
public final class ChartsBench {

  private static final int ROUNDS = 20;
  private static final int BROWSER_ROUNDS = 10;

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 10_000);
    int minutes = BenchPlatform.intArgument(args, "--minutes", 60);
    // The bench rolls up itself, after writing the history (see ChartsBrowserIT).
    try (BenchPlatform platform =
        BenchPlatform.start(nodes, "--noderr.telemetry.retention.interval=1h")) {
      List<NodeRef> fleet = TelemetryHistory.nodes(platform.context);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      long t0 = System.nanoTime();
      long written =
          TelemetryHistory.write(
              platform.context,
              fleet,
              now.minus(Duration.ofMinutes(minutes)),
              now,
              Duration.ofSeconds(10));
      print("samples written (every node, every 10 s)", written);
      print("seconds to write them", (System.nanoTime() - t0) / 1e9);
      long t1 = System.nanoTime();
      TelemetryHistory.rollUp(platform.context);
      print("seconds to roll them up (minute and fleet rollups)", (System.nanoTime() - t1) / 1e9);

      TelemetryCharts charts = platform.context.getBean(TelemetryCharts.class);
      SecurityContextHolder.getContext()
          .setAuthentication(
              UsernamePasswordAuthenticationToken.authenticated(
                  "bench", null, List.of(new SimpleGrantedAuthority("ROLE_SRE"))));
      String node = fleet.getFirst().id();
      for (ChartWindow window : ChartWindow.values()) {
        String name = window.label().replace(" ", "");
        measure("dashboard charts " + name + " (queries + SVG), ms", () -> charts.fleet(window));
        measure("node charts " + name + " (queries + SVG), ms", () -> charts.node(node, window));
        print("node points in " + name, charts.node(node, window).points());
      }
      print(
          "dashboard SVG bytes (24 h)",
          charts.fleet(ChartWindow.DAY).health().length()
              + charts.fleet(ChartWindow.DAY).versions().length());
      SecurityContextHolder.clearContext();

      try (ConsoleBrowser browser = new ConsoleBrowser(platform.base)) {
        browser.signIn("sre", "noderr-demo");
        List<Double> dashboard = new ArrayList<>();
        List<Double> nodePage = new ArrayList<>();
        for (int i = 0; i < BROWSER_ROUNDS; i++) {
          long d0 = System.nanoTime();
          browser.open("/");
          browser.waitForElement("fleet-versions-chart-title");
          dashboard.add((System.nanoTime() - d0) / 1e6);
          long n0 = System.nanoTime();
          browser.open("/nodes/" + node);
          browser.waitForElement("node-errors-chart-title");
          nodePage.add((System.nanoTime() - n0) / 1e6);
        }
        printPercentiles("dashboard page in Chromium, open to charts drawn, ms", dashboard);
        printPercentiles("node page in Chromium, open to charts drawn, ms", nodePage);
      }
      BenchPlatform.printPeakHeap();
    }
  }

  private static void measure(String label, Supplier<?> chart) {
    for (int i = 0; i < 3; i++) {
      chart.get();
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      chart.get();
      times.add((System.nanoTime() - t0) / 1e6);
    }
    printPercentiles(label.toLowerCase(Locale.ROOT), times);
  }
}
