package io.noderr.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.platform.JsonApi;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tier a node pins at registration, and how an identity from before pinning gets one. */
class NodeLoginTest {

  private static final URI PLATFORM = URI.create("http://127.0.0.1:9");

  @TempDir Path stateDir;

  @Test
  void registration_pinsThePlatformsTier_andALaterAnswerCannotChangeIt() {
    NodeLogin login = login(new Answers(session("GUARDIAN")));
    try (NodeKey key = SoftwareNodeKey.ephemeral()) {
      Session registered = login.register("nit_x", null, key);
      assertThat(new IdentityFile(stateDir).read().orElseThrow().tier()).isEqualTo("GUARDIAN");
      assertThat(login.pinnedTier(registered)).isEqualTo(BeaconTier.GUARDIAN);
    }
    assertThat(login.pinnedTier(session("ALL"))).isEqualTo(BeaconTier.GUARDIAN);
  }

  @Test
  void aStartWithAnotherTier_isRefused_andOneWithThePinnedTierOrNoneIsNot() {
    NodeLogin login = login(new Answers(session("ORACLE")));
    try (NodeKey key = SoftwareNodeKey.ephemeral()) {
      login.register("nit_x", null, key);
    }

    assertThat(login.pinnedTier(session("ORACLE"), "ORACLE")).isEqualTo(BeaconTier.ORACLE);
    assertThat(login.pinnedTier(session("ORACLE"), null)).isEqualTo(BeaconTier.ORACLE);
    assertThatThrownBy(() -> login.pinnedTier(session("ALL"), "ALL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pinned to tier ORACLE")
        .hasMessageContaining("not ALL as --tier says");
  }

  @Test
  void anIdentityWithoutTier_takesTheNextSessionsTier_once() throws Exception {
    writeIdentityWithoutTier();
    NodeLogin login = login(new Answers(null));

    assertThat(login.pinnedTier(session("ORACLE"))).isEqualTo(BeaconTier.ORACLE);
    assertThat(new IdentityFile(stateDir).read().orElseThrow().tier()).isEqualTo("ORACLE");
    assertThat(login.pinnedTier(session("ALL"))).isEqualTo(BeaconTier.ORACLE);
  }

  @Test
  void anIdentityWithoutTier_andAPlatformThatNamesNone_isRefused_withHowToReRegister()
      throws Exception {
    writeIdentityWithoutTier();

    assertThatThrownBy(() -> login(new Answers(null)).pinnedTier(session(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pins no tier")
        .hasMessageContaining("register this node again with a new install token");
  }

  /** identity.json as agents wrote it before tiers were pinned. */
  private void writeIdentityWithoutTier() throws Exception {
    Files.writeString(
        stateDir.resolve(IdentityFile.NAME),
        "{\"nodeId\":\"n-1\",\"platform\":\"http://127.0.0.1:9\",\"keyKind\":\"SOFTWARE\","
            + "\"registeredAt\":\"2026-01-01T00:00:00Z\"}");
  }

  private NodeLogin login(AuthClient auth) {
    return new NodeLogin(auth, new IdentityFile(stateDir), PLATFORM, Clock.systemUTC());
  }

  private static Session session(String tier) {
    return new Session("n-1", "nst_x", Instant.now().plusSeconds(600), null, "default", tier, null);
  }

  /** The auth API answering every registration with {@code session}: no platform needed. */
  private static final class Answers extends AuthClient {
    private final Session session;

    Answers(Session session) {
      super(new JsonApi(PLATFORM));
      this.session = session;
    }

    @Override
    public Challenge challenge() {
      return new Challenge(new byte[32], new int[0]);
    }

    @Override
    public RegistrationStep register(
        String installToken, String tier, NodeKey key, Challenge challenge) {
      return session;
    }
  }
}
