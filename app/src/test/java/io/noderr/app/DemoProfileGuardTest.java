package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.app.embedded.PlatformStartupException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * The demo guard: demo listens on loopback only and publishes to no chain but the local dev chain;
 * outside demo, the public demo signer addresses are refused. Each refusal is one line.
 */
class DemoProfileGuardTest {

  private static final String DEMO_SIGNER = "0xffcf8fdee72ac11b5c542428b35eef5769c409f0";

  @TempDir Path dataDir;

  @Test
  void demo_onLoopback_withoutAChainOrOnTheDevChain_starts() {
    assertThatCode(() -> DemoProfileGuard.check(demo().withProperty("server.address", "127.0.0.1")))
        .doesNotThrowAnyException();
    assertThatCode(() -> DemoProfileGuard.check(demo().withProperty("server.address", "::1")))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                DemoProfileGuard.check(
                    demo()
                        .withProperty("server.address", "localhost")
                        .withProperty("noderr.beacon.rpc-url", "http://127.0.0.1:8545")
                        .withProperty("noderr.beacon.chain-id", "1337")))
        .doesNotThrowAnyException();
  }

  @Test
  void demo_refusesANonLoopbackBindAddress() {
    for (String address : new String[] {"0.0.0.0", "192.0.2.10", "::", ""}) {
      assertThatThrownBy(
              () -> DemoProfileGuard.check(demo().withProperty("server.address", address)))
          .isInstanceOf(PlatformStartupException.class)
          .hasMessageStartingWith("the demo profile (known passwords, public demo signer keys)")
          .hasMessageContaining("NODERR_BIND_ADDRESS=127.0.0.1")
          .message()
          .doesNotContain("\n");
    }
  }

  @Test
  void demo_refusesAChainOtherThanTheLocalDevChain() {
    for (String[] chain :
        new String[][] {
          {"https://base-sepolia.example.org/v2/KEY", "84532"},
          {"http://127.0.0.1:8545", "1"},
          {"http://192.0.2.7:8545", "1337"},
          {"not a url", "1337"}
        }) {
      assertThatThrownBy(
              () ->
                  DemoProfileGuard.check(
                      demo()
                          .withProperty("server.address", "127.0.0.1")
                          .withProperty("noderr.beacon.rpc-url", chain[0])
                          .withProperty("noderr.beacon.chain-id", chain[1])))
          .isInstanceOf(PlatformStartupException.class)
          .hasMessageContaining("publishes to no chain but the local dev chain")
          .message()
          .doesNotContain("KEY");
    }
  }

  @Test
  void outsideDemo_theDemoSignerAddressesAreRefused() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    assertThatCode(() -> DemoProfileGuard.check(prod)).doesNotThrowAnyException();
    prod.setProperty("noderr.beacon.local.signers[0]", "0x" + "11".repeat(20));
    prod.setProperty(
        "noderr.beacon.local.signers[1]", DEMO_SIGNER.toUpperCase().replace("0X", "0x"));
    assertThatThrownBy(() -> DemoProfileGuard.check(prod))
        .isInstanceOf(PlatformStartupException.class)
        .hasMessage(
            "noderr.beacon.local.signers includes the publicly known demo signer "
                + DEMO_SIGNER
                + " (anyone has its key); outside the demo profile configure your signers' own"
                + " addresses");
  }

  /** As `noderr up` starts: the refusal comes before any embedded service, as one line. */
  @Test
  void noderrUp_inDemoOnEveryInterface_failsBeforeStartingAnything() {
    assertThatThrownBy(
            () ->
                NoderrApplication.start(
                    LaunchOptions.parse(
                        new String[] {
                          "--data-dir", dataDir.toString(), "--server.address=0.0.0.0"
                        })))
        .satisfies(
            e ->
                assertThat(StartupFailure.rootMessage(e))
                    .startsWith("the demo profile (known passwords, public demo signer keys)"));
    assertThat(dataDir.resolve("pg")).doesNotExist();
  }

  private static MockEnvironment demo() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("demo");
    return environment;
  }
}
