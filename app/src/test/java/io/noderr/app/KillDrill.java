package io.noderr.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.cli.sim.FleetSimulator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Kills the platform with {@code kill -9} while deployments run, starts it again on the same data
 * directory, and checks what a user would: each rollout ends as it would have without the kills
 * (completed, or rolled back by its gate), every node runs one version, and no node applied an
 * update twice (the simulated nodes count what they applied, across restarts). Kill moments come
 * from a seeded random, so a failing drill can be run again as it was. Shared by {@link
 * KillDrillIT} and {@code ./noderr bench kill-drill}.
 */
public final class KillDrill implements AutoCloseable {

  private static final List<String> TIERS = List.of("ALL", "ORACLE", "GUARDIAN");
  private static final Set<String> SETTLED = Set.of("COMPLETED", "SUCCEEDED", "ROLLED_BACK");

  /** What one kill found and cost. */
  public record Kill(
      int number,
      String deployment,
      String statusAtKill,
      double secondsToReady,
      double secondsToMovingAgain) {}

  /**
   * A deployment of the drill.
   *
   * @param gateFails its release is faulty on some nodes (see {@link #faultSpec}) and its gate
   *     rolls it back
   */
  public record Deployment(String version, boolean gateFails) {}

  private final Path dataDir;
  private final Path log;
  private final int nodes;
  private final Random random;
  private final String faultSpec;
  private final Consumer<String> out;
  private final PlatformProcess.Ports ports;
  private final List<Kill> kills = new ArrayList<>();
  private PlatformProcess platform;
  private PlatformApi api;

  /**
   * @param faultyVersions versions whose update fails the health soak on 20% of the nodes
   */
  public KillDrill(
      Path workDir, int nodes, long seed, List<String> faultyVersions, Consumer<String> out)
      throws IOException {
    this.dataDir = Files.createDirectories(workDir.resolve("data"));
    this.log = workDir.resolve("platform.log");
    this.nodes = nodes;
    this.random = new Random(seed);
    this.faultSpec =
        String.join(",", faultyVersions.stream().map(v -> v + ":unhealthy=20").toList());
    this.out = out;
    this.ports = PlatformProcess.Ports.free();
  }

  public List<Kill> kills() {
    return List.copyOf(kills);
  }

  public Path log() {
    return log;
  }

  /** Starts the platform the first time. */
  public void start() throws Exception {
    launch();
  }

  /**
   * Publishes and deploys {@code deployment}, kills the platform {@code killCount} times at random
   * moments while it runs (the first kill of a deployment whose gate fails waits for its rollback),
   * and waits until it settles.
   *
   * @param maxDelay the longest wait from deploying (or from a restart) to a kill
   * @return the settled state, after the drill's checks passed
   */
  public JsonNode drive(Deployment deployment, int killCount, Duration maxDelay) throws Exception {
    String id = deploy(deployment);
    out.accept("deployed " + id + (deployment.gateFails() ? " (its gate will fail)" : ""));
    for (int i = 0; i < killCount; i++) {
      String status =
          deployment.gateFails() && i == 0
              ? awaitStatus(id, Set.of("ROLLING_BACK", "ROLLED_BACK"), Duration.ofMinutes(10))
              : waitRandomly(id, maxDelay);
      if (SETTLED.contains(status) && i > 0) {
        break;
      }
      killAndRestart(id);
    }
    String settled = awaitStatus(id, SETTLED, Duration.ofMinutes(30));
    JsonNode state = api.get("/api/v1/deployments/" + id, "sre");
    check(deployment, settled, state);
    return state;
  }

  private String deploy(Deployment deployment) throws Exception {
    for (String tier : TIERS) {
      Publications.ensurePublished(
          api, tier, deployment.version(), FleetSimulator.digestOf(deployment.version()));
    }
    Map<String, Object> form = new HashMap<>();
    form.put("version", deployment.version());
    form.put("tiers", TIERS);
    form.put("imageDigest", FleetSimulator.digestOf(deployment.version()));
    form.put("steps", List.of("10%:pause=5s", "50%", "100%"));
    form.put("maxParallel", Math.max(2, nodes / 15));
    form.put("soakSeconds", 1);
    form.put("rollbackWindowHours", 1);
    // A share of failures the faulty release exceeds once enough nodes answered.
    form.put("maxFailurePercent", 10);
    form.put("minExecuted", Math.max(10, nodes / 5));
    form.put("maxConsecutiveFailures", 0);
    HttpResponse<String> response = api.post("/api/v1/deployments", "admin", form);
    if (response.statusCode() != 202) {
      throw new IllegalStateException("deployment refused: " + response.body());
    }
    return PlatformApi.json(response).path("id").asText();
  }

  /** Waits a random while (or until the rollout settles); answers the status then. */
  private String waitRandomly(String id, Duration maxDelay) throws Exception {
    long until = System.nanoTime() + (long) (random.nextDouble() * maxDelay.toNanos());
    String status = status(id);
    while (System.nanoTime() < until && !SETTLED.contains(status)) {
      Thread.sleep(50);
      status = status(id);
    }
    return status;
  }

  /**
   * Moving again: the restarted workflow answers with its state, which it does once it has run its
   * first task (restored its checkpoint, recorded {@code rollout.resumed}). Ready: the API answers
   * and every simulated node has enrolled again.
   */
  private void killAndRestart(String id) throws Exception {
    String statusAtKill = status(id);
    platform.kill9();
    long restarted = System.nanoTime();
    launchProcess();
    String status = status(id);
    while (Set.of("RESUMING", "UNKNOWN", "LOST").contains(status)) {
      Thread.sleep(20);
      status = status(id);
    }
    double moving = (System.nanoTime() - restarted) / 1e9;
    platform.awaitReady(nodes, Duration.ofMinutes(5));
    double ready = (System.nanoTime() - restarted) / 1e9;
    Kill kill = new Kill(kills.size() + 1, id, statusAtKill, ready, moving);
    kills.add(kill);
    out.accept(
        String.format(
            Locale.ROOT,
            "kill %d of %s while %s: ready after %.1f s, moving again after %.1f s (now %s)",
            kill.number(),
            id,
            statusAtKill,
            ready,
            moving,
            status));
  }

  /**
   * The drill's checks: the rollout ended as it would have, every node runs one version, and no
   * node applied an update twice.
   */
  private void check(Deployment deployment, String settled, JsonNode state) throws Exception {
    String expected = deployment.gateFails() ? "ROLLED_BACK" : "COMPLETED|SUCCEEDED";
    if (!settled.matches(expected)) {
      throw new AssertionError(
          state.path("id").asText() + " ended " + settled + ", not " + expected);
    }
    String onlyVersion = awaitOneVersion(Duration.ofMinutes(2));
    out.accept(state.path("id").asText() + " " + settled + ": every node runs " + onlyVersion);
    if (!deployment.gateFails() && !onlyVersion.equals(deployment.version())) {
      throw new AssertionError("nodes run " + onlyVersion + ", not " + deployment.version());
    }
    JsonNode applied = api.get("/api/v1/simulator/applied-updates", "sre");
    if (!applied.path("repeated").isEmpty()) {
      throw new AssertionError("updates applied twice: " + applied.path("repeated"));
    }
  }

  /** The one version every node reports, once the registry shows only one. */
  private String awaitOneVersion(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Integer> byVersion = versions();
    while (byVersion.size() != 1 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      byVersion = versions();
    }
    if (byVersion.size() != 1) {
      throw new AssertionError("nodes run more than one version: " + byVersion);
    }
    return byVersion.keySet().iterator().next();
  }

  private Map<String, Integer> versions() throws Exception {
    Map<String, Integer> byVersion = new HashMap<>();
    for (int page = 0; page * 500 < nodes; page++) {
      for (JsonNode node : api.get("/api/v1/nodes?size=500&page=" + page, "sre").path("items")) {
        byVersion.merge(node.path("version").asText(), 1, Integer::sum);
      }
    }
    return byVersion;
  }

  private String awaitStatus(String id, Set<String> wanted, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String status = status(id);
    while (!wanted.contains(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " is still " + status + " after " + timeout);
      }
      Thread.sleep(50);
      status = status(id);
    }
    return status;
  }

  /**
   * The rollout's status; RESUMING or UNKNOWN while its workflow is not running (yet) or the
   * platform does not answer.
   */
  private String status(String id) {
    try {
      return api.get("/api/v1/deployments/" + id, "sre").path("status").asText();
    } catch (Exception | AssertionError notAnswering) {
      if (!platform.isAlive()) {
        throw new IllegalStateException("the platform exited; see " + log);
      }
      return "UNKNOWN";
    }
  }

  private void launch() throws Exception {
    launchProcess();
    platform.awaitReady(nodes, Duration.ofMinutes(5));
  }

  private void launchProcess() throws IOException {
    List<String> options = new ArrayList<>(List.of("--noderr.sim.heartbeat-interval=2s"));
    if (!faultSpec.isEmpty()) {
      options.addAll(List.of("--release-faults", faultSpec));
    }
    platform = PlatformProcess.launch(dataDir, nodes, ports, log, options.toArray(String[]::new));
    api = new PlatformApi(platform.base());
  }

  @Override
  public void close() throws InterruptedException {
    if (platform != null) {
      platform.close();
    }
  }
}
