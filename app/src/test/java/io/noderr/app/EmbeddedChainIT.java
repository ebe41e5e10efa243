package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.signing.Address;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.governance.GovernanceProperties;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code noderr up} with its own dev chain: the beacon and governance on the chain it started, the
 * chain and its contracts kept in the data directory across restarts, and a ganache a killed
 * platform left behind stopped before the next start.
 */
class EmbeddedChainIT {

  @TempDir Path dataDir;

  @Test
  void up_startsTheDevChain_pointsBeaconAndGovernanceAtIt_andARestartKeepsTheContracts()
      throws Exception {
    // What a killed platform leaves: ganache still running on the data directory's chain.
    DevChain orphan = DevChain.start(0, dataDir.resolve("chain").resolve("ganache"));

    String governor;
    try (ConfigurableApplicationContext platform =
        EmbeddedPlatforms.startWithDevChain(dataDir, 0)) {
      assertThat(orphan.isAlive()).as("the leftover ganache was stopped").isFalse();
      GovernanceProperties governance = platform.getBean(GovernanceProperties.class);
      assertThat(governance.configured()).isTrue();
      governor = governance.governorAddress().value();
      assertThat(platform.getBeansOfType(ChainBeacon.class)).hasSize(1);
      assertThat(platform.getEnvironment().getProperty("noderr.beacon.rpc-url"))
          .isEqualTo(platform.getEnvironment().getProperty("noderr.chain.embedded-url"))
          .startsWith("http://127.0.0.1:");
      assertThat(dataDir.resolve("chain/deployment.json")).isRegularFile();
      assertThat(Files.list(dataDir.resolve("chain/keys")))
          .extracting(path -> path.getFileName().toString())
          .contains("sender.json", "operator-1.json", "operator-2.json", "signer-1.json");
      approval_needsTheOperatorsStake(platform, dataDir.resolve("chain/keys"));
    } finally {
      orphan.close();
    }

    try (ConfigurableApplicationContext restarted =
        EmbeddedPlatforms.startWithDevChain(dataDir, 0)) {
      assertThat(restarted.getBean(GovernanceProperties.class).governorAddress().value())
          .isEqualTo(governor);
    }
  }

  /**
   * With governance on, an ORACLE application is approved only once its operator stakes the ORACLE
   * minimum (5,000 NODR on the dev chain) from its own key.
   */
  private static void approval_needsTheOperatorsStake(
      ConfigurableApplicationContext platform, Path keys) throws Exception {
    PlatformApi api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
    Address operator = DemoOperators.addresses().getFirst();
    String application = api.apply("ORACLE", "eu-west", operator.value());

    HttpResponse<String> refused =
        api.post("/api/v1/applications/" + application + "/approve", "admin");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(PlatformApi.json(refused).path("detail").asText())
        .isEqualTo(
            "operator "
                + operator.value()
                + " stakes 0 NODR; ORACLE nodes need 5000 NODR (stake.minimum.oracle): the"
                + " operator stakes first, then the application is approved");

    DevChainStakes.stake(platform, keys, 1, 5_000);
    assertThat(api.approve(application)).startsWith("nit_");
  }
}
