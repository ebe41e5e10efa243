package io.noderr.agent.tpm;

import static io.noderr.attestation.AttestationException.Reason.CREDENTIAL_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.NONCE_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.PCR_DIGEST_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.PCR_POLICY_VIOLATION;
import static io.noderr.attestation.AttestationException.Reason.QUOTE_SIGNATURE_INVALID;
import static io.noderr.attestation.AttestationException.Reason.UNTRUSTED_EK_CERTIFICATE;
import static io.noderr.attestation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.attestation.CredentialChallenge;
import io.noderr.attestation.PcrPolicy;
import io.noderr.attestation.Quote;
import io.noderr.attestation.RegistrationEvidence;
import io.noderr.attestation.TpmEvidenceVerifier;
import io.noderr.attestation.TrustedManufacturers;
import io.noderr.attestation.VerifiedIdentity;
import io.noderr.attestation.swtpm.Swtpm;
import io.noderr.attestation.swtpm.SwtpmCa;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's TPM code against real swtpm TPMs, checked by the platform's verifier. */
class TpmIdentityIT {

  private static final int[] FIRMWARE_PCRS = {0, 1, 2, 3, 4, 5, 6, 7};

  private final SecureRandom random = new SecureRandom();

  @AfterEach
  void noSwtpmIsLeftRunning() {
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void registration_andCredentialActivation_roundTrip() throws Exception {
    try (Swtpm swtpm = Swtpm.start();
        TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
      TpmEvidenceVerifier platform = verifierTrusting(swtpm.ca());
      byte[] nonce = nonce();

      VerifiedIdentity identity = platform.verifyRegistration(registration(tpm, nonce), nonce);
      CredentialChallenge challenge = platform.makeCredential(identity);
      byte[] secret =
          tpm.activateCredential(challenge.credentialBlob(), challenge.encryptedSecret());

      platform.verifyActivation(challenge.secretSha256(), secret);
      assertThat(identity.akName()).isEqualTo(tpm.akName());
      assertThat(identity.pcrValues()).containsOnlyKeys(0, 1, 2, 3, 4, 5, 6, 7);
    }
  }

  @Test
  void ek_createdFromTheDefaultTemplate_isTheKeyTheManufacturerCertified() throws Exception {
    try (Swtpm swtpm = Swtpm.start();
        TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
      RSAPublicKey certified =
          (RSAPublicKey)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(tpm.ekCertificate()))
                  .getPublicKey();
      byte[] ekPublic = tpm.ekPublic();
      byte[] modulus = Arrays.copyOfRange(ekPublic, ekPublic.length - 256, ekPublic.length);

      assertThat(new BigInteger(1, modulus)).isEqualTo(certified.getModulus());
      assertThat(swtpm.ekCertificate().getEncoded()).isEqualTo(tpm.ekCertificate());
    }
  }

  @Test
  void identity_isStableAcrossARestartOfTheTpm() {
    try (Swtpm swtpm = Swtpm.start()) {
      TpmEvidenceVerifier platform = verifierTrusting(swtpm.ca());
      byte[] akName;
      byte[] akPublic;
      byte[] ekPublic;
      try (TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
        akName = tpm.akName();
        akPublic = tpm.akPublic();
        ekPublic = tpm.ekPublic();
      }

      swtpm.restart();

      try (TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
        assertThat(tpm.akName()).isEqualTo(akName);
        assertThat(tpm.ekPublic()).isEqualTo(ekPublic);
        byte[] nonce = nonce();
        platform.verifyQuote(akPublic, quote(tpm, nonce, FIRMWARE_PCRS), nonce);
      }
    }
  }

  @Test
  void quote_overAnotherNonce_isRejected() {
    try (Swtpm swtpm = Swtpm.start();
        TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
      TpmEvidenceVerifier platform = verifierTrusting(swtpm.ca());
      Quote stale = quote(tpm, nonce(), FIRMWARE_PCRS);

      assertRejected(() -> platform.verifyQuote(tpm.akPublic(), stale, nonce()), NONCE_MISMATCH);
    }
  }

  @Test
  void quote_signedByAnotherTpmsAk_isRejected() {
    try (SwtpmCa manufacturer = SwtpmCa.create();
        Swtpm first = Swtpm.start(manufacturer);
        Swtpm second = Swtpm.start(manufacturer);
        TpmIdentity registered = TpmIdentity.open(first.uri());
        TpmIdentity other = TpmIdentity.open(second.uri())) {
      TpmEvidenceVerifier platform = verifierTrusting(manufacturer);
      byte[] nonce = nonce();

      assertRejected(
          () ->
              platform.verifyQuote(
                  registered.akPublic(), quote(other, nonce, FIRMWARE_PCRS), nonce),
          QUOTE_SIGNATURE_INVALID);
    }
  }

  @Test
  void ekCertificate_fromAnUntrustedManufacturer_isRejected() {
    try (SwtpmCa trusted = SwtpmCa.create();
        SwtpmCa untrusted = SwtpmCa.create();
        Swtpm genuine = Swtpm.start(trusted);
        Swtpm foreign = Swtpm.start(untrusted);
        TpmIdentity tpm = TpmIdentity.open(foreign.uri())) {
      TpmEvidenceVerifier platform = verifierTrusting(trusted);
      byte[] nonce = nonce();

      assertRejected(
          () -> platform.verifyRegistration(registration(tpm, nonce), nonce),
          UNTRUSTED_EK_CERTIFICATE);
    }
  }

  /**
   * A genuine EK certificate presented with another TPM's AK passes the quote check — the quote is
   * genuine too — and only credential activation exposes it: no TPM holds both keys.
   */
  @Test
  void akOfAnotherTpm_presentedWithThisEk_failsCredentialActivation() {
    try (SwtpmCa manufacturer = SwtpmCa.create();
        Swtpm first = Swtpm.start(manufacturer);
        Swtpm second = Swtpm.start(manufacturer);
        TpmIdentity ekOwner = TpmIdentity.open(first.uri());
        TpmIdentity akOwner = TpmIdentity.open(second.uri())) {
      TpmEvidenceVerifier platform = verifierTrusting(manufacturer);
      byte[] nonce = nonce();
      RegistrationEvidence spliced =
          new RegistrationEvidence(
              ekOwner.ekCertificate(),
              ekOwner.ekPublic(),
              akOwner.akPublic(),
              quote(akOwner, nonce, FIRMWARE_PCRS));

      VerifiedIdentity identity = platform.verifyRegistration(spliced, nonce);
      CredentialChallenge challenge = platform.makeCredential(identity);

      assertThatThrownBy(
              () ->
                  akOwner.activateCredential(
                      challenge.credentialBlob(), challenge.encryptedSecret()))
          .isInstanceOf(TpmOperationException.class)
          .hasMessageStartingWith("the TPM could not activate the credential: TPM_RC_");
      assertThatThrownBy(
              () ->
                  ekOwner.activateCredential(
                      challenge.credentialBlob(), challenge.encryptedSecret()))
          .isInstanceOf(TpmOperationException.class)
          .hasMessage("the TPM could not activate the credential: TPM_RC_INTEGRITY");
      assertRejected(
          () -> platform.verifyActivation(challenge.secretSha256(), new byte[32]),
          CREDENTIAL_MISMATCH);
      byte[] next = nonce();
      platform.verifyQuote(akOwner.akPublic(), quote(akOwner, next, FIRMWARE_PCRS), next);
    }
  }

  @Test
  void pcrPolicy_isViolated_afterAPcrIsExtended() {
    try (Swtpm swtpm = Swtpm.start()) {
      TpmEvidenceVerifier strict;
      try (TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
        String bootState = tpm.quote(nonce(), FIRMWARE_PCRS).pcrs().get(7);
        strict =
            new TpmEvidenceVerifier(
                TrustedManufacturers.load(swtpm.ca().certificateFiles()),
                PcrPolicy.of(
                    IntStream.of(FIRMWARE_PCRS).boxed().toList(), Map.of(7, List.of(bootState))));
        byte[] nonce = nonce();
        strict.verifyQuote(tpm.akPublic(), quote(tpm, nonce, FIRMWARE_PCRS), nonce);
      }

      swtpm.extendPcr(7, "Secure Boot disabled".getBytes());

      try (TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
        byte[] nonce = nonce();
        assertRejected(
            () -> strict.verifyQuote(tpm.akPublic(), quote(tpm, nonce, FIRMWARE_PCRS), nonce),
            PCR_POLICY_VIOLATION);
      }
    }
  }

  @Test
  void pcrValues_alteredAfterQuoting_areRejected() {
    try (Swtpm swtpm = Swtpm.start();
        TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
      TpmEvidenceVerifier platform = verifierTrusting(swtpm.ca());
      byte[] nonce = nonce();
      Quote quote = quote(tpm, nonce, FIRMWARE_PCRS);
      Map<Integer, String> forged = new TreeMap<>(quote.pcrs());
      forged.put(0, "11".repeat(32));

      assertRejected(
          () ->
              platform.verifyQuote(
                  tpm.akPublic(), new Quote(quote.attest(), quote.signature(), forged), nonce),
          PCR_DIGEST_MISMATCH);
    }
  }

  /** PCR_Read returns at most 8 PCRs per call; a quote over all 24 needs three reads. */
  @Test
  void quote_overAllPcrs_verifies() {
    try (Swtpm swtpm = Swtpm.start();
        TpmIdentity tpm = TpmIdentity.open(swtpm.uri())) {
      int[] all = IntStream.range(0, PcrPolicy.PCR_COUNT).toArray();
      TpmEvidenceVerifier platform =
          new TpmEvidenceVerifier(
              TrustedManufacturers.load(swtpm.ca().certificateFiles()),
              PcrPolicy.of(IntStream.of(all).boxed().toList(), Map.of()));
      byte[] nonce = nonce();

      assertThat(platform.verifyQuote(tpm.akPublic(), quote(tpm, nonce, all), nonce))
          .hasSize(PcrPolicy.PCR_COUNT);
    }
  }

  private static TpmEvidenceVerifier verifierTrusting(SwtpmCa manufacturer) {
    return new TpmEvidenceVerifier(
        TrustedManufacturers.load(manufacturer.certificateFiles()), PcrPolicy.defaults());
  }

  private static RegistrationEvidence registration(TpmIdentity tpm, byte[] nonce) {
    return new RegistrationEvidence(
        tpm.ekCertificate(), tpm.ekPublic(), tpm.akPublic(), quote(tpm, nonce, FIRMWARE_PCRS));
  }

  private static Quote quote(TpmIdentity tpm, byte[] nonce, int[] pcrs) {
    TpmQuote quote = tpm.quote(nonce, pcrs);
    return new Quote(quote.attest(), quote.signature(), quote.pcrs());
  }

  private byte[] nonce() {
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    return nonce;
  }
}
