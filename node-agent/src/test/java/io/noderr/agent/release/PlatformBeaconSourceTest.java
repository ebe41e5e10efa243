package io.noderr.agent.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import io.noderr.signing.ImageDigest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform's beacon endpoint as nodes without their own RPC endpoint read it. */
class PlatformBeaconSourceTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private StubPlatform platform;
  private PlatformBeaconSource source;

  @BeforeEach
  void start() throws Exception {
    platform = StubPlatform.start();
    source = new PlatformBeaconSource(new PlatformClient(platform.uri(), "node-token"));
  }

  @AfterEach
  void stop() {
    platform.close();
  }

  @Test
  void readsTheTiersRelease_withTheAgentsBearerToken() {
    platform.on(
        "GET",
        "/api/v1/beacon/ORACLE",
        r ->
            Answer.ok(
                Map.of(
                    "tier", "ORACLE",
                    "backend", "CHAIN",
                    "version", "1.4.2",
                    "imageDigest", DIGEST.toUpperCase().replace("SHA256:", "sha256:"),
                    "paused", false)));

    assertThat(source.current(BeaconTier.ORACLE))
        .contains(new BeaconRelease("1.4.2", ImageDigest.parse(DIGEST)));
    assertThat(platform.requests().get(0).authorization()).isEqualTo("Bearer node-token");
  }

  @Test
  void nothingPublished_isEmpty() {
    platform.on(
        "GET",
        "/api/v1/beacon/GUARDIAN",
        r -> Answer.problem(404, "nothing was published for tier GUARDIAN"));

    assertThat(source.current(BeaconTier.GUARDIAN)).isEmpty();
  }

  @Test
  void refusals_malformedAnswers_andSilence_areUnreadable() {
    platform.on("GET", "/api/v1/beacon/ALL", r -> Answer.problem(503, "beacon RPC unavailable"));
    platform.on(
        "GET",
        "/api/v1/beacon/ORACLE",
        r -> Answer.ok(Map.of("version", "1.4.2", "imageDigest", "latest")));

    assertThatThrownBy(() -> source.current(BeaconTier.ALL))
        .isInstanceOf(BeaconUnreadableException.class)
        .hasMessageContaining("beacon RPC unavailable");
    assertThatThrownBy(() -> source.current(BeaconTier.ORACLE))
        .isInstanceOf(BeaconUnreadableException.class)
        .hasMessageContaining("malformed");
    platform.close();
    assertThatThrownBy(() -> source.current(BeaconTier.ALL))
        .isInstanceOf(BeaconUnreadableException.class)
        .hasMessageContaining("cannot reach the platform");
  }
}
