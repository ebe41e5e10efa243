package io.noderr.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * Nodes reach Temporal only through the node gateway: the embedded frontend must never listen
 * beyond loopback (TestServer.createPortBoundServer would bind every interface).
 */
class EmbeddedTemporalServerTest {

  @Test
  void theEmbeddedFrontend_listensOnLoopbackOnly() {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0)) {
      assertThat(server.listenAddresses())
          .isNotEmpty()
          .allSatisfy(
              address ->
                  assertThat(((InetSocketAddress) address).getAddress().isLoopbackAddress())
                      .as("%s is loopback", address)
                      .isTrue());
    }
  }
}
