package io.noderr.app.bench;

import io.noderr.app.KillDrill;
import io.noderr.app.KillDrill.Deployment;
import io.noderr.app.KillDrill.Kill;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./noderr bench kill-drill [--kills 20] [--nodes 1000] [--seed 42] [--max-delay 40]}: the
 * platform killed with {@code kill -9} at random moments of staged deployments (every third one a
 * release whose gate fails, so kills land in rollbacks too) and restarted on the same data
 * directory, until {@code --kills} kills are done. Each deployment is checked as {@link
 * io.noderr.app.KillDrillIT} checks it. Prints, per kill, the seconds from the restart to the
 * platform being ready (API up, fleet enrolled) and to the rollout moving again (its workflow,
 * started again from its checkpoint, answers), then min/median/max.
 */
public final class KillDrillBench {

  public static void main(String[] args) throws Exception {
    int kills = BenchPlatform.intArgument(args, "--kills", 20);
    int nodes = BenchPlatform.nodesArgument(args, 1_000);
    long seed = BenchPlatform.intArgument(args, "--seed", 42);
    Duration maxDelay = Duration.ofSeconds(BenchPlatform.intArgument(args, "--max-delay", 40));
    Path workDir = Files.createTempDirectory("noderr-kill-drill");
    int deployments = (kills + 1) / 2;
    List<String> faulty = new ArrayList<>();
    for (int k = 1; k <= deployments; k++) {
      if (k % 3 == 2) {
        faulty.add(version(k));
      }
    }
    long started = System.nanoTime();
    try (KillDrill drill = new KillDrill(workDir, nodes, seed, faulty, System.out::println)) {
      System.out.println("platform log: " + drill.log());
      drill.start();
      for (int k = 1; drill.kills().size() < kills; k++) {
        drill.drive(
            new Deployment(version(k), faulty.contains(version(k))),
            Math.min(2, kills - drill.kills().size()),
            maxDelay);
      }
      BenchPlatform.print("nodes", nodes);
      BenchPlatform.print("kills", drill.kills().size());
      BenchPlatform.print("seconds for the whole drill", (System.nanoTime() - started) / 1e9);
      summary(
          "seconds restart to ready", drill.kills().stream().map(Kill::secondsToReady).toList());
      summary(
          "seconds restart to rollout moving again",
          drill.kills().stream().map(Kill::secondsToMovingAgain).toList());
    }
  }

  private static String version(int deployment) {
    return "1." + deployment + ".0";
  }

  private static void summary(String label, List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    BenchPlatform.print(label + " min", sorted.getFirst());
    BenchPlatform.print(label + " median", sorted.get(sorted.size() / 2));
    BenchPlatform.print(label + " max", sorted.getLast());
  }
}
