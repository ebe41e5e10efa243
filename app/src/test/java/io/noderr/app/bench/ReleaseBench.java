package io.noderr.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.app.PlatformApi;
import io.noderr.app.Publications;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.signing.DemoSigners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * {@code ./noderr bench releases [--releases 20] [--backend chain|local]}: N releases one after
 * another on the embedded platform, each proposed over REST and signed by two demo signers; the
 * figure is the time from the threshold-reaching signature to the version being recorded — on the
 * chain backend that is the multisig transaction, its receipt, the beacon follower seeing the
 * {@code VersionPublished} event, and the read-model write, on a local ganache.
 *
 * <p>Prints the workflow's own measure (threshold reached → recorded, workflow clock) and what a
 * client sees (the second signature's answer → PUBLISHED visible over REST, polling every 10 ms).
 */
public final class ReleaseBench {

  private static final String PASSWORD = "bench";

  public static void main(String[] args) throws Exception {
    int releases = BenchPlatform.intArgument(args, "--releases", 20);
    boolean onChain = !List.of(args).contains("local");
    DevChain chain = onChain ? DevChain.start() : null;
    try (BenchPlatform platform = BenchPlatform.start(0, beaconArguments(chain))) {
      PlatformApi api = new PlatformApi(platform.base);
      List<Double> workflowMillis = new ArrayList<>();
      List<Double> clientMillis = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 1; i <= releases; i++) {
        JsonNode request =
            Publications.propose(api, "ALL", "1.0." + i, "sha256:" + "be".repeat(32), null);
        String id = request.path("id").asText();
        byte[] digest = Numeric.hexStringToByteArray(request.path("digest").asText());
        Publications.sign(api, id, 1, digest);
        Publications.sign(api, id, 2, digest);
        long thresholdAnswered = System.nanoTime();
        JsonNode published = Publications.awaitPublished(api, id);
        clientMillis.add((System.nanoTime() - thresholdAnswered) / 1e6);
        workflowMillis.add(
            (double)
                (published.path("recordedAtMillis").asLong()
                    - published.path("thresholdReachedAtMillis").asLong()));
      }
      BenchPlatform.print("backend is a chain (ganache), 1 = yes", onChain ? 1 : 0);
      BenchPlatform.print("releases", releases);
      BenchPlatform.print("seconds for all", (System.nanoTime() - started) / 1e9);
      BenchPlatform.printPercentiles(
          "ms threshold reached to version recorded (workflow)", workflowMillis);
      BenchPlatform.printPercentiles(
          "ms threshold signature answered to PUBLISHED seen (client)", clientMillis);
      BenchPlatform.printPeakHeap();
    } finally {
      if (chain != null) {
        chain.close();
      }
    }
  }

  private static String[] beaconArguments(DevChain chain) throws Exception {
    if (chain == null) {
      return new String[0];
    }
    DemoDeployment deployment = DemoDeployment.deploy(chain);
    Path keys = Files.createTempDirectory("noderr-bench-keys");
    String file =
        WalletUtils.generateWalletFile(
            PASSWORD, DemoSigners.devChainSender(), keys.toFile(), false);
    return new String[] {
      "--noderr.beacon.rpc-url=" + chain.rpcUrl(),
      "--noderr.beacon.chain-id=" + DevChain.CHAIN_ID,
      "--noderr.beacon.multisig-address=" + deployment.multisig(),
      "--noderr.beacon.sender-keystore=" + keys.resolve(file),
      "--noderr.beacon.sender-keystore-password=" + PASSWORD,
      "--noderr.beacon.poll-interval=100ms"
    };
  }
}
