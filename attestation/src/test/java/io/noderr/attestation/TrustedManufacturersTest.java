package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.UNTRUSTED_EK_CERTIFICATE;
import static io.noderr.attestation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedManufacturersTest {

  private final PublicKey ek = SoftwareTpm.rsa2048().getPublic();
  private final TestCertificates.Ca manufacturer = TestCertificates.rootCa("TPM Manufacturer");

  @Test
  void ekCertificate_withEmptySubjectAndCriticalSan_isTrusted() {
    X509Certificate certificate = TestCertificates.ekCertificate(manufacturer, ek);
    assertThat(certificate.getSubjectX500Principal().getName()).isEmpty();

    TrustedManufacturers.of(List.of(manufacturer.certificate())).verify(certificate);
  }

  @Test
  void ekCertificate_fromAnotherCaWithTheSameName_isUntrusted() {
    TestCertificates.Ca impostor = TestCertificates.rootCa("TPM Manufacturer");

    assertRejected(
        () ->
            TrustedManufacturers.of(List.of(manufacturer.certificate()))
                .verify(TestCertificates.ekCertificate(impostor, ek)),
        UNTRUSTED_EK_CERTIFICATE);
  }

  @Test
  void ekCertificate_fromEitherOfTwoCasWithTheSameName_isTrusted() {
    TestCertificates.Ca other = TestCertificates.rootCa("TPM Manufacturer");
    TrustedManufacturers both =
        TrustedManufacturers.of(List.of(manufacturer.certificate(), other.certificate()));

    both.verify(TestCertificates.ekCertificate(manufacturer, ek));
    both.verify(TestCertificates.ekCertificate(other, ek));
  }

  @Test
  void ekCertificate_thatExpired_isUntrusted() {
    Instant now = Instant.now();
    X509Certificate expired =
        TestCertificates.ekCertificate(
            manufacturer, ek, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

    assertThatThrownBy(
            () -> TrustedManufacturers.of(List.of(manufacturer.certificate())).verify(expired))
        .isInstanceOf(AttestationException.class)
        .hasMessage("the EK certificate has expired");
  }

  @Test
  void noTrustedCa_trustsNothing() {
    assertRejected(
        () ->
            TrustedManufacturers.of(List.of())
                .verify(TestCertificates.ekCertificate(manufacturer, ek)),
        UNTRUSTED_EK_CERTIFICATE);
  }

  @Test
  void issuingCa_canBeTrustedWithOrWithoutItsRoot() {
    TestCertificates.Ca issuing = TestCertificates.intermediateCa("EK Issuing CA 7", manufacturer);
    X509Certificate certificate = TestCertificates.ekCertificate(issuing, ek);

    TrustedManufacturers.of(List.of(issuing.certificate())).verify(certificate);
    TrustedManufacturers.of(List.of(manufacturer.certificate(), issuing.certificate()))
        .verify(certificate);
    assertRejected(
        () -> TrustedManufacturers.of(List.of(manufacturer.certificate())).verify(certificate),
        UNTRUSTED_EK_CERTIFICATE);
  }

  @Test
  void load_readsPemFilesAndDirectories(@TempDir Path dir) throws Exception {
    TestCertificates.Ca second = TestCertificates.rootCa("Second Manufacturer");
    TestCertificates.Ca third = TestCertificates.rootCa("Third Manufacturer");
    Path cas = Files.createDirectory(dir.resolve("cas"));
    Files.writeString(cas.resolve("first.pem"), pem(manufacturer.certificate()));
    Files.writeString(
        cas.resolve("bundle.crt"), pem(second.certificate()) + pem(third.certificate()));
    Files.writeString(cas.resolve("README.txt"), "not a certificate");
    Path single = dir.resolve("single.pem");
    Files.writeString(single, pem(manufacturer.certificate()));

    assertThat(TrustedManufacturers.load(List.of(cas)).certificates())
        .containsExactlyInAnyOrder(
            manufacturer.certificate(), second.certificate(), third.certificate());
    assertThat(TrustedManufacturers.load(List.of(single)).certificates())
        .containsExactly(manufacturer.certificate());
    TrustedManufacturers.load(List.of(cas)).verify(TestCertificates.ekCertificate(third, ek));
  }

  @Test
  void load_failsClearly_onMissingOrInvalidFiles(@TempDir Path dir) throws IOException {
    Path garbage =
        Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");

    assertThatThrownBy(() -> TrustedManufacturers.load(List.of(dir.resolve("missing.pem"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
    assertThatThrownBy(() -> TrustedManufacturers.load(List.of(garbage)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garbage.pem");
  }

  private static String pem(X509Certificate certificate) throws CertificateEncodingException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
