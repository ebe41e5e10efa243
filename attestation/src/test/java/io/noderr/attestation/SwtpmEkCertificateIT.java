package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.UNTRUSTED_EK_CERTIFICATE;
import static io.noderr.attestation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.attestation.swtpm.Swtpm;
import io.noderr.attestation.swtpm.SwtpmCa;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manufacturer check against what swtpm_localca really issues (critical SAN, EK EKU...). */
class SwtpmEkCertificateIT {

  @Test
  void ekCertificate_chainsToItsLocalCa_loadedFromPemFiles() {
    try (Swtpm tpm = Swtpm.start()) {
      TrustedManufacturers.load(tpm.ca().certificateFiles()).verify(tpm.ekCertificate());
      TrustedManufacturers.of(List.of(tpm.caCertificate())).verify(tpm.ekCertificate());
    }
  }

  @Test
  void ekCertificate_ofAnotherLocalCa_isUntrusted() {
    try (SwtpmCa trusted = SwtpmCa.create();
        SwtpmCa other = SwtpmCa.create();
        Swtpm genuine = Swtpm.start(trusted);
        Swtpm foreign = Swtpm.start(other)) {
      TrustedManufacturers manufacturers = TrustedManufacturers.load(trusted.certificateFiles());

      manufacturers.verify(genuine.ekCertificate());
      assertRejected(() -> manufacturers.verify(foreign.ekCertificate()), UNTRUSTED_EK_CERTIFICATE);
    }
  }

  @Test
  void ekCertificate_certifiesAnRsa2048Key() {
    try (Swtpm tpm = Swtpm.start()) {
      assertThat(tpm.ekCertificate().getPublicKey())
          .isInstanceOfSatisfying(
              java.security.interfaces.RSAPublicKey.class,
              key -> assertThat(key.getModulus().bitLength()).isEqualTo(2048));
    }
  }
}
