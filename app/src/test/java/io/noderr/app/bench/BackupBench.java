package io.noderr.app.bench;

import static io.noderr.app.bench.BenchPlatform.print;
import static io.noderr.app.bench.BenchPlatform.printPercentiles;

import io.noderr.app.PlatformApi;
import io.noderr.app.backup.BackupMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./noderr bench backup [--nodes N] [--rounds K]}: the embedded platform with N simulated
 * nodes (default 10,000) after one rollout of a release to all of them, backed up K times while it
 * runs, then each backup restored into an empty data directory once it is stopped. Prints one
 * figure per line; asserts nothing.
 */
public final class BackupBench {

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 10_000);
    int rounds = BenchPlatform.intArgument(args, "--rounds", 3);
    Path work = Files.createTempDirectory("noderr-backup-bench");
    List<Path> backups = new ArrayList<>();
    List<Double> backupSeconds = new ArrayList<>();
    try (BenchPlatform platform = BenchPlatform.start(nodes)) {
      PlatformApi api = new PlatformApi(platform.base);
      RolloutBench.publishForEveryTier(api, "1.1.0");
      String id = RolloutBench.deploy(api, "1.1.0");
      RolloutBench.awaitStatus(api, id, "COMPLETED");
      String dataDir = platform.context.getEnvironment().getRequiredProperty("noderr.data-dir");
      for (int round = 0; round < rounds; round++) {
        Path backup = work.resolve("noderr-" + round + ".backup");
        long started = System.nanoTime();
        String done = BackupMain.run("backup", "--to", backup.toString(), "--data-dir", dataDir);
        backupSeconds.add((System.nanoTime() - started) / 1e9);
        System.out.println(done);
        backups.add(backup);
      }
      print("backup file, MB", Files.size(backups.getFirst()) / 1e6);
    }
    List<Double> restoreSeconds = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      Path target = work.resolve("restored-" + round);
      long started = System.nanoTime();
      String done =
          BackupMain.run(
              "restore", "--from", backups.get(round).toString(), "--data-dir", target.toString());
      restoreSeconds.add((System.nanoTime() - started) / 1e9);
      System.out.println(done);
    }
    printPercentiles("backup of the running platform, s", backupSeconds);
    printPercentiles("restore into an empty data dir, s", restoreSeconds);
    System.out.println("files kept in " + work);
  }
}
