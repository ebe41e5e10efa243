package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.app.KillDrill.Deployment;
import io.noderr.app.KillDrill.Kill;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing in flight is lost when the platform restarts: the packaged platform in a JVM of its own,
 * killed with {@code kill -9} at a seeded random moment of a staged deployment and during the
 * rollback of a release whose gate fails, restarted on the same data directory each time. 60
 * simulated nodes and two kills, not 1,000 nodes and twenty: each restart of the platform took
 * 45-90 s on the shared 2-core machine this was written on, so the IT stays near five minutes;
 * {@code ./noderr bench kill-drill} runs the 1,000-node drill with as many kills as asked.
 */
class KillDrillIT {

  private static final long SEED = 20261202L;

  @TempDir Path workDir;

  @Test
  void killedDuringARolloutAndDuringARollback_everyRolloutEndsAsItWould_noUpdateAppliedTwice()
      throws Exception {
    try (KillDrill drill =
        new KillDrill(workDir, 60, SEED, List.of("1.2.0"), System.out::println)) {
      drill.start();

      drill.drive(new Deployment("1.1.0", false), 1, Duration.ofSeconds(12));
      drill.drive(new Deployment("1.2.0", true), 1, Duration.ofSeconds(5));

      assertThat(drill.kills()).hasSize(2);
      assertThat(drill.kills())
          .extracting(Kill::statusAtKill)
          .as("one kill lands in the rollback")
          .contains("ROLLING_BACK");
      assertThat(drill.kills()).allSatisfy(k -> assertThat(k.secondsToMovingAgain()).isPositive());
    }
  }
}
