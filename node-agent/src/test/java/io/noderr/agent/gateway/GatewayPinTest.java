package io.noderr.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayPinTest {

  private static final String FIRST = "a".repeat(64);
  private static final String OTHER = "b".repeat(64);

  @TempDir Path stateDir;

  @Test
  void theFirstCertificateThePlatformNames_isPinned_andAcceptedAfterwards() {
    assertThat(new GatewayPin(stateDir).check(FIRST, Instant.now())).isEqualTo(FIRST);

    assertThat(new GatewayPin(stateDir).check(FIRST, Instant.now())).isEqualTo(FIRST);
    assertThat(stateDir.resolve(GatewayPin.NAME)).exists();
  }

  @Test
  void anotherCertificate_orNoneAtAll_isRefusedOncePinned() {
    new GatewayPin(stateDir).check(FIRST, Instant.now());

    assertThatThrownBy(() -> new GatewayPin(stateDir).check(OTHER, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names gateway certificate sha256 " + OTHER)
        .hasMessageContaining("pinned " + FIRST);
    assertThatThrownBy(() -> new GatewayPin(stateDir).check(null, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no gateway certificate");
  }

  @Test
  void aPlatformWithoutGateway_pinsNothing() {
    assertThat(new GatewayPin(stateDir).check(null, Instant.now())).isNull();

    assertThat(stateDir.resolve(GatewayPin.NAME)).doesNotExist();
  }

  @Test
  void aMalformedFingerprint_isRefused_andNotPinned() {
    assertThatThrownBy(() -> new GatewayPin(stateDir).check("ABC", Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(stateDir.resolve(GatewayPin.NAME)).doesNotExist();
  }
}
