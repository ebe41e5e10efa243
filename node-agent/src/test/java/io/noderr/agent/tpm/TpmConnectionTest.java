package io.noderr.agent.tpm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TpmConnectionTest {

  @Test
  void unreachableTpm_failsWithOneClearLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String address = "tcp://127.0.0.1:" + closedPort;

    assertThatThrownBy(() -> TpmIdentity.open(address))
        .isInstanceOf(TpmOperationException.class)
        .hasMessage("cannot reach the TPM at " + address + ": connection refused");
  }

  @Test
  void missingDevice_failsWithOneClearLine() {
    assertThatThrownBy(() -> TpmIdentity.open("/dev/no-such-tpm"))
        .isInstanceOf(TpmOperationException.class)
        .hasMessage("cannot reach the TPM at /dev/no-such-tpm: no such device");
  }

  @Test
  void unsupportedAddresses_areRejected() {
    for (String address :
        new String[] {
          "tpm0", "tcp://127.0.0.1", "tcp://:2321", "tcp://host:2321/x", "http://h:1"
        }) {
      assertThatThrownBy(() -> TpmIdentity.open(address))
          .isInstanceOf(TpmOperationException.class)
          .hasMessage(
              "unsupported TPM address '"
                  + address
                  + "': use tcp://host:port, a device path such as /dev/tpmrm0, or tbs (Windows)");
    }
  }
}
