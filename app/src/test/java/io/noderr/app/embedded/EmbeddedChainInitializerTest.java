package io.noderr.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** When {@code noderr up} starts no dev chain, and why governance is then off, in one line. */
class EmbeddedChainInitializerTest {

  @TempDir Path dataDir;

  @Test
  void noChain_startsNothing_andSaysGovernanceIsOffBecauseOfTheFlag() {
    MockEnvironment env = demo().withProperty("noderr.chain.enabled", "false");

    initialize(env);

    assertThat(env.getProperty(EmbeddedChainInitializer.OFF_REASON))
        .startsWith("started with --no-chain: releases go to the beacon in PostgreSQL");
    assertThat(env.getProperty("noderr.beacon.rpc-url")).isNull();
    assertThat(dataDir.resolve("chain")).doesNotExist();
  }

  @Test
  void outsideTheDemoProfile_orInAScaledOutRole_noDevChainStarts() {
    MockEnvironment production = new MockEnvironment().withProperty("noderr.data-dir", dir());
    initialize(production);
    assertThat(production.getProperty(EmbeddedChainInitializer.OFF_REASON))
        .startsWith("no chain configured: set noderr.beacon.rpc-url and noderr.governance.*");

    MockEnvironment worker = demo().withProperty("noderr.role", "worker");
    initialize(worker);
    assertThat(worker.getProperty(EmbeddedChainInitializer.OFF_REASON))
        .startsWith("no chain configured for this role");
    assertThat(dataDir.resolve("chain")).doesNotExist();
  }

  @Test
  void aConfiguredChain_isLeftAlone() {
    MockEnvironment env = demo().withProperty("noderr.beacon.rpc-url", "http://127.0.0.1:9");

    initialize(env);

    assertThat(env.getProperty(EmbeddedChainInitializer.OFF_REASON)).isNull();
    assertThat(dataDir.resolve("chain")).doesNotExist();
  }

  @Test
  void aTakenChainPort_isRefusedInOneLine_withTheWaysOut() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      MockEnvironment env =
          demo().withProperty("noderr.chain.port", Integer.toString(taken.getLocalPort()));

      assertThatThrownBy(() -> initialize(env))
          .isInstanceOfSatisfying(
              PlatformStartupException.class,
              e -> {
                assertThat(e.getMessage())
                    .isEqualTo(
                        "port "
                            + taken.getLocalPort()
                            + " of the dev chain is in use (another noderr up or noderr chain?)");
                assertThat(e.action()).contains("--chain-port").contains("--no-chain");
              });
    }
  }

  private MockEnvironment demo() {
    MockEnvironment env = new MockEnvironment().withProperty("noderr.data-dir", dir());
    env.setActiveProfiles("demo");
    return env;
  }

  private String dir() {
    return dataDir.toString();
  }

  private static void initialize(MockEnvironment env) {
    try (GenericApplicationContext context = new GenericApplicationContext()) {
      context.setEnvironment(env);
      new EmbeddedChainInitializer().initialize(context);
    }
  }
}
