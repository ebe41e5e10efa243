package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.worker.governance.GovernanceProperties;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Demo operators staking on the dev chain a platform started itself, as an applicant does before it
 * has a login: {@code noderr stake --add} with its own keystore, through the chain's endpoint,
 * naming the governor.
 */
final class DevChainStakes {

  private DevChainStakes() {}

  /** Demo operator {@code number} stakes {@code nodr} tokens from {@code keys/operator-N.json}. */
  static void stake(ConfigurableApplicationContext platform, Path keys, int number, long nodr)
      throws Exception {
    CliProcess.Result staked =
        CliProcess.run(
            Map.of("NODERR_KEYSTORE_PASSWORD", ChainPlatforms.PASSWORD),
            List.of(
                "stake",
                "--governor",
                platform.getBean(GovernanceProperties.class).governorAddress().value(),
                "--rpc",
                platform.getEnvironment().getProperty("noderr.chain.embedded-url"),
                "--keystore",
                keys.resolve("operator-" + number + ".json").toString(),
                "--add",
                BigInteger.valueOf(nodr).toString(),
                "--yes"));
    assertThat(staked.exitCode()).as(staked.output()).isZero();
    assertThat(staked.output()).contains("stake " + nodr + " NODR: done in transaction");
  }
}
