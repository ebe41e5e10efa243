package io.noderr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayCertificateTest {

  @TempDir Path dir;

  @Test
  void theCertificate_isGeneratedOnce_andReusedAcrossRestarts_soAgentPinsHold() throws Exception {
    GatewayCertificate first = GatewayCertificate.loadOrCreate(dir);

    GatewayCertificate again = GatewayCertificate.loadOrCreate(dir);

    assertThat(again.sha256()).isEqualTo(first.sha256()).matches("[0-9a-f]{64}");
    assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    assertThat(first.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(GatewayCertificate.KEY_FILE))))
        .isEqualTo("rw-------");
  }

  @Test
  void anotherDataDirectory_getsAnotherCertificate() {
    assertThat(GatewayCertificate.loadOrCreate(dir.resolve("a")).sha256())
        .isNotEqualTo(GatewayCertificate.loadOrCreate(dir.resolve("b")).sha256());
  }
}
