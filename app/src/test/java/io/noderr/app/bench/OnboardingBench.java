package io.noderr.app.bench;

import static io.noderr.app.bench.BenchPlatform.print;

import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.sim.SoftwareOnboarding;
import io.noderr.agent.sim.SoftwareOnboarding.Onboarded;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code ./noderr bench onboarding [--nodes 1000] [--parallelism 16]}: N nodes onboarded through
 * the public flow with software keys on the embedded platform — apply (workflow start), approval
 * (Update + registry write), challenge, registration (signature check, Update, node + identity +
 * audit in one transaction, session) — P in flight at once. Prints throughput and per-onboarding
 * latency (apply to session).
 */
public final class OnboardingBench {

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 1_000);
    int parallelism = BenchPlatform.intArgument(args, "--parallelism", 16);
    try (BenchPlatform platform =
        BenchPlatform.start(
            0,
            "--noderr.onboarding.rate-limit.applications-per-minute=1000000",
            "--noderr.onboarding.rate-limit.auth-per-minute=1000000")) {
      SoftwareOnboarding onboarding =
          new SoftwareOnboarding(platform.base, "admin", "noderr-demo", parallelism);
      List<EnrollmentEntry> entries =
          IntStream.range(0, nodes)
              .mapToObj(
                  i ->
                      new EnrollmentEntry(
                          "unused", "bench-operator-" + i % 50, "ALL", "eu-west", Map.of()))
              .toList();
      long t0 = System.nanoTime();
      List<Onboarded> onboarded = onboarding.onboardAll(entries);
      double seconds = (System.nanoTime() - t0) / 1e9;
      print("onboardings", onboarded.size());
      print("parallelism", parallelism);
      print("seconds", seconds);
      print("onboardings per minute", nodes * 60 / seconds);
      BenchPlatform.printPercentiles(
          "apply-to-session latency, ms", onboarded.stream().map(Onboarded::millis).toList());
      BenchPlatform.printPeakHeap();
    }
  }
}
