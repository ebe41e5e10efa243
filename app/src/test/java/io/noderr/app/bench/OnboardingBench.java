package io.noderr.app.bench;

import static io.noderr.app.bench.BenchPlatform.print;

import io.noderr.agent.identity.AuthClient;
import io.noderr.agent.identity.IdentityFile;
import io.noderr.agent.identity.NodeKey;
import io.noderr.agent.identity.NodeLogin;
import io.noderr.agent.identity.TpmNodeKey;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.JsonApi;
import io.noderr.attestation.swtpm.Swtpm;
import io.noderr.attestation.swtpm.SwtpmCa;
import io.noderr.cli.sim.SoftwareOnboarding;
import io.noderr.cli.sim.SoftwareOnboarding.Onboarded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code ./noderr bench onboarding [--nodes 1000] [--parallelism 16] [--tpm 5]} on the embedded
 * platform.
 *
 * <ul>
 *   <li>Software keys: N nodes onboarded through the public flow — apply (workflow start), approval
 *       (Update + registry write), challenge, registration (signature check, Update, node +
 *       identity + audit in one transaction, session) — P in flight at once. Prints throughput and
 *       per-onboarding latency (apply to session).
 *   <li>TPM: K nodes one after another, each with its own freshly manufactured swtpm (not timed):
 *       approval-to-active latency — approve, the agent opens its TPM (EK, AK, EK certificate),
 *       challenge, quote, registration verified, MakeCredential, ActivateCredential, activation,
 *       node ACTIVE.
 * </ul>
 */
public final class OnboardingBench {

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 1_000);
    int parallelism = BenchPlatform.intArgument(args, "--parallelism", 16);
    int tpmNodes = BenchPlatform.intArgument(args, "--tpm", 5);
    try (SwtpmCa manufacturer = SwtpmCa.create()) {
      // swtpm_localca writes its CA certificates with the first TPM it manufactures.
      Swtpm.start(manufacturer).close();
      String cas =
          manufacturer.certificateFiles().stream()
              .map(Path::toString)
              .collect(Collectors.joining(","));
      try (BenchPlatform platform =
          BenchPlatform.start(
              0,
              "--noderr.onboarding.manufacturer-cas=" + cas,
              "--noderr.onboarding.rate-limit.applications-per-minute=1000000",
              "--noderr.onboarding.rate-limit.auth-per-minute=1000000")) {
        SoftwareOnboarding onboarding =
            new SoftwareOnboarding(platform.base, "admin", "noderr-demo", parallelism);
        softwareOnboardings(onboarding, nodes, parallelism);
        tpmOnboardings(platform, onboarding, manufacturer, tpmNodes);
        BenchPlatform.printPeakHeap();
      }
    }
  }

  private static void softwareOnboardings(
      SoftwareOnboarding onboarding, int nodes, int parallelism) {
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
    print("software-key onboardings", onboarded.size());
    print("parallelism", parallelism);
    print("seconds", seconds);
    print("software-key onboardings per minute", nodes * 60 / seconds);
    BenchPlatform.printPercentiles(
        "software-key apply-to-session latency, ms",
        onboarded.stream().map(Onboarded::millis).toList());
  }

  private static void tpmOnboardings(
      BenchPlatform platform, SoftwareOnboarding onboarding, SwtpmCa manufacturer, int count)
      throws Exception {
    AuthClient auth = new AuthClient(new JsonApi(platform.base));
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String applicationId = onboarding.apply("bench-tpm", "eu-west", "GUARDIAN");
      Path state = Files.createTempDirectory("noderr-bench-agent");
      try (Swtpm tpm = Swtpm.start(manufacturer)) {
        long t0 = System.nanoTime();
        String token = onboarding.approve(applicationId);
        try (NodeKey key = TpmNodeKey.open(tpm.uri())) {
          new NodeLogin(auth, new IdentityFile(state), platform.base, Clock.systemUTC())
              .register(token, null, key);
        }
        latencies.add((System.nanoTime() - t0) / 1e6);
      }
    }
    print("TPM onboardings (swtpm)", count);
    BenchPlatform.printPercentiles("TPM approval-to-active latency, ms", latencies);
  }
}
