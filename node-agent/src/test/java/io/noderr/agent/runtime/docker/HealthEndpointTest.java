package io.noderr.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

  private final HealthEndpoint health = HealthEndpoint.of(URI.create("http://127.0.0.1:8080/ok?x"));

  @Test
  void aHandOver_alternatesBetweenTheTwoPorts() {
    assertThat(health.handoverPort()).isEqualTo(8081);
    assertThat(health.otherThan(8080)).isEqualTo(8081);
    assertThat(health.otherThan(8081)).isEqualTo(8080);
    assertThat(health.at(8081)).isEqualTo(URI.create("http://127.0.0.1:8081/ok?x"));
  }

  @Test
  void needsAnHttpUrlWithAPort_andASecondPort() {
    assertThatThrownBy(() -> HealthEndpoint.of(URI.create("http://127.0.0.1/health")))
        .hasMessageContaining("explicit port");
    assertThatThrownBy(() -> HealthEndpoint.of(URI.create("tcp://127.0.0.1:1/")))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> new HealthEndpoint(URI.create("http://127.0.0.1:8080/"), 8080))
        .hasMessageContaining("other than");
  }
}
