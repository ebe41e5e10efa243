package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.CREDENTIAL_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.EK_CERTIFICATE_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.MALFORMED_EVIDENCE;
import static io.noderr.attestation.AttestationException.Reason.UNTRUSTED_EK_CERTIFICATE;
import static io.noderr.attestation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TpmEvidenceVerifierTest {

  private static final List<Integer> FIRMWARE_PCRS = List.of(0, 1, 2, 3, 4, 5, 6, 7);

  private final TestCertificates.Ca manufacturer = TestCertificates.rootCa("TPM Manufacturer");
  private final SoftwareTpm tpm = new SoftwareTpm();
  private final X509Certificate ekCertificate =
      TestCertificates.ekCertificate(manufacturer, tpm.ek.getPublic());
  private final byte[] nonce = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
  private final TpmEvidenceVerifier verifier =
      new TpmEvidenceVerifier(
          TrustedManufacturers.of(List.of(manufacturer.certificate())), PcrPolicy.defaults());

  @Test
  void registration_verifies_andIdentifiesTheNodeByItsAkName() throws Exception {
    VerifiedIdentity identity =
        verifier.verifyRegistration(evidence(ekCertificate.getEncoded()), nonce);

    assertThat(identity.akName()).isEqualTo(tpm.akArea().getName());
    assertThat(identity.akPublic()).isEqualTo(tpm.akPublic());
    assertThat(identity.ekPublic()).isEqualTo(tpm.ekPublic());
    assertThat(identity.ekCertificateSha256Hex())
        .isEqualTo(HexFormat.of().formatHex(SoftwareTpm.sha256(ekCertificate.getEncoded())));
    assertThat(identity.pcrValues()).containsOnlyKeys(FIRMWARE_PCRS);
  }

  @Test
  void registration_isRejected_whenTheEkIsNotTheCertifiedKey() throws Exception {
    byte[] otherEkCertificate =
        TestCertificates.ekCertificate(manufacturer, SoftwareTpm.rsa2048().getPublic())
            .getEncoded();

    assertRejected(
        () -> verifier.verifyRegistration(evidence(otherEkCertificate), nonce),
        EK_CERTIFICATE_MISMATCH);
  }

  @Test
  void registration_isRejected_whenTheEkCertificateIsFromAnUntrustedCa() throws Exception {
    byte[] untrusted =
        TestCertificates.ekCertificate(TestCertificates.rootCa("Other"), tpm.ek.getPublic())
            .getEncoded();

    assertRejected(
        () -> verifier.verifyRegistration(evidence(untrusted), nonce), UNTRUSTED_EK_CERTIFICATE);
  }

  @Test
  void registration_isMalformed_whenTheCertificateIsGarbageOrOversized() {
    assertRejected(() -> verifier.verifyRegistration(evidence(null), nonce), MALFORMED_EVIDENCE);
    assertRejected(
        () -> verifier.verifyRegistration(evidence(new byte[] {0x30, (byte) 0x82, 0x7f}), nonce),
        MALFORMED_EVIDENCE);
    assertRejected(
        () -> verifier.verifyRegistration(evidence(new byte[9 * 1024]), nonce), MALFORMED_EVIDENCE);
    assertRejected(() -> verifier.verifyRegistration(null, nonce), MALFORMED_EVIDENCE);
  }

  @Test
  void credential_isActivatedByTheTpmHoldingTheEkAndAk() throws Exception {
    VerifiedIdentity identity =
        verifier.verifyRegistration(evidence(ekCertificate.getEncoded()), nonce);

    CredentialChallenge challenge = verifier.makeCredential(identity);
    byte[] secret =
        tpm.activateCredential(
            identity.akName(), challenge.credentialBlob(), challenge.encryptedSecret());

    assertThat(challenge.secret()).hasSize(32);
    assertThat(challenge.encryptedSecret()).hasSize(256);
    assertThat(secret).isEqualTo(challenge.secret());
    verifier.verifyActivation(challenge.secretSha256(), secret);
  }

  @Test
  void credential_forAnotherAk_failsTheTpmsIntegrityCheck() {
    byte[] otherAkName = new SoftwareTpm().akArea().getName();
    CredentialChallenge challenge = verifier.makeCredential(tpm.ekPublic(), otherAkName);

    assertThatThrownBy(
            () ->
                tpm.activateCredential(
                    tpm.akArea().getName(),
                    challenge.credentialBlob(),
                    challenge.encryptedSecret()))
        .hasMessage("TPM_RC_INTEGRITY");
  }

  @Test
  void activation_withAnotherSecret_isRejected() {
    CredentialChallenge challenge = verifier.makeCredential(tpm.ekPublic(), tpm.akArea().getName());

    assertRejected(
        () -> verifier.verifyActivation(challenge.secretSha256(), new byte[32]),
        CREDENTIAL_MISMATCH);
    assertRejected(
        () -> verifier.verifyActivation(challenge.secretSha256(), null), MALFORMED_EVIDENCE);
  }

  @Test
  void credential_forAMalformedAkName_isRejected() {
    assertRejected(() -> verifier.makeCredential(tpm.ekPublic(), new byte[3]), MALFORMED_EVIDENCE);
  }

  private RegistrationEvidence evidence(byte[] ekCertificateDer) {
    return new RegistrationEvidence(
        ekCertificateDer, tpm.ekPublic(), tpm.akPublic(), tpm.quote(nonce, FIRMWARE_PCRS));
  }
}
