package io.noderr.attestation.swtpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SwtpmIT {

  @AfterEach
  void noSwtpmIsLeftRunning() {
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void swtpm_listensOnItsUri_andIsGoneAfterClose() {
    int port;
    try (Swtpm tpm = Swtpm.start()) {
      port = tpm.port();
      assertThat(tpm.uri()).isEqualTo("tcp://127.0.0.1:" + port);
      assertThat(listening(port)).isTrue();
      assertThat(tpm.ekCertificate().getIssuerX500Principal())
          .isEqualTo(tpm.caCertificate().getSubjectX500Principal());
    }
    assertThat(listening(port)).isFalse();
  }

  @Test
  void restart_servesTheSameTpmOnNewPorts() {
    try (Swtpm tpm = Swtpm.start()) {
      int before = tpm.port();

      tpm.restart();

      assertThat(listening(tpm.port())).isTrue();
      if (tpm.port() != before) {
        assertThat(listening(before)).isFalse();
      }
    }
  }

  @Test
  void twoCas_areDifferentManufacturersWithTheSameName() {
    try (SwtpmCa first = SwtpmCa.create();
        SwtpmCa second = SwtpmCa.create();
        Swtpm a = Swtpm.start(first);
        Swtpm b = Swtpm.start(second)) {
      assertThat(a.caCertificate().getSubjectX500Principal())
          .isEqualTo(b.caCertificate().getSubjectX500Principal());
      assertThat(a.caCertificate().getPublicKey()).isNotEqualTo(b.caCertificate().getPublicKey());
      assertThat(first.certificateFiles()).hasSize(2).allMatch(java.nio.file.Files::isRegularFile);
    }
  }

  @Test
  void caCertificates_doNotExistBeforeTheFirstTpmIsManufactured() {
    try (SwtpmCa ca = SwtpmCa.create()) {
      assertThatThrownBy(ca::issuerCertificate).hasMessageContaining("provision a TPM");
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
