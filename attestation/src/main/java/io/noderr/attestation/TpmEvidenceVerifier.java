package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.CREDENTIAL_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.MALFORMED_EVIDENCE;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Verifies the evidence of TPM nodes (docs/onboarding.md). Registration is two steps, because a
 * quote alone does not prove the AK lives in the TPM the EK certificate is about:
 *
 * <ol>
 *   <li>{@link #verifyRegistration}: EK certificate, EK binding, AK policy, quote;
 *   <li>{@link #makeCredential} from the verified identity, sent to the node, and {@link
 *       #verifyActivation} of the secret the node's TPM recovered with ActivateCredential.
 * </ol>
 *
 * Later quotes ({@code /auth/token}, {@code /auth/refresh}) go through {@link #verifyQuote} with
 * the AK stored at registration. Every method throws {@link AttestationException} for evidence it
 * rejects. Thread-safe.
 */
public final class TpmEvidenceVerifier {

  private static final int SECRET_BYTES = 32;

  /** TPM names of SHA-256 named keys: 2-byte algorithm id plus digest. */
  private static final int NAME_BYTES = 2 + Tpm2.SHA256_SIZE;

  private final TrustedManufacturers manufacturers;
  private final PcrPolicy pcrPolicy;
  private final SecureRandom random = new SecureRandom();

  public TpmEvidenceVerifier(TrustedManufacturers manufacturers, PcrPolicy pcrPolicy) {
    this.manufacturers = Objects.requireNonNull(manufacturers);
    this.pcrPolicy = Objects.requireNonNull(pcrPolicy);
  }

  /** The policy quotes are checked against; its indices are the PCRs a challenge asks for. */
  public PcrPolicy pcrPolicy() {
    return pcrPolicy;
  }

  /**
   * Checks the EK certificate against the trusted manufacturers, that the EK public area is the
   * certified key, that the AK is acceptable, and the AK's quote over {@code nonce}.
   */
  public VerifiedIdentity verifyRegistration(RegistrationEvidence evidence, byte[] nonce) {
    Objects.requireNonNull(nonce);
    if (evidence == null) {
      throw new AttestationException(MALFORMED_EVIDENCE, "the registration evidence is missing");
    }
    X509Certificate certificate = EkCertificate.parse(evidence.ekCertificate());
    manufacturers.verify(certificate);
    RsaPublicArea ek = EndorsementKey.parse(evidence.ekPublic());
    EndorsementKey.requireCertifiedBy(ek, certificate);
    RsaPublicArea ak = AttestationKey.parse(evidence.akPublic());
    SortedMap<Integer, String> pcrs = QuoteVerifier.verify(ak, evidence.quote(), nonce, pcrPolicy);
    return new VerifiedIdentity(
        ak.name(), ak.encoded(), ek.encoded(), EkCertificate.sha256Hex(certificate), pcrs);
  }

  /**
   * Verifies a quote by a registered node's AK over {@code nonce}, PCR policy included.
   *
   * @param akPublic the AK public area stored at registration
   * @return the quoted SHA-256 PCR values, index to lowercase hex
   */
  public SortedMap<Integer, String> verifyQuote(byte[] akPublic, Quote quote, byte[] nonce) {
    Objects.requireNonNull(nonce);
    return QuoteVerifier.verify(AttestationKey.parse(akPublic), quote, nonce, pcrPolicy);
  }

  /**
   * Makes a credential with a fresh random secret that only a TPM holding both this EK and a key
   * named {@code akName} can activate.
   */
  public CredentialChallenge makeCredential(byte[] ekPublic, byte[] akName) {
    RsaPublicArea ek = EndorsementKey.parse(ekPublic);
    if (akName == null || akName.length != NAME_BYTES) {
      throw new AttestationException(MALFORMED_EVIDENCE, "the AK name is not a SHA-256 TPM name");
    }
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return CredentialMaker.make(ek, akName, secret, random);
  }

  /** Shortcut for {@code makeCredential(identity.ekPublic(), identity.akName())}. */
  public CredentialChallenge makeCredential(VerifiedIdentity identity) {
    return makeCredential(identity.ekPublic(), identity.akName());
  }

  /**
   * Compares, in constant time, the secret the node's TPM returned from ActivateCredential with the
   * challenge's secret, by hash ({@link CredentialChallenge#secretSha256()}).
   *
   * @throws AttestationException {@code CREDENTIAL_MISMATCH}: the AK is not in the TPM of the EK
   */
  public void verifyActivation(byte[] expectedSecretSha256, byte[] activatedSecret) {
    Objects.requireNonNull(expectedSecretSha256);
    if (activatedSecret == null || activatedSecret.length > 2 * SECRET_BYTES) {
      throw new AttestationException(
          MALFORMED_EVIDENCE, "the activated secret is missing or too long");
    }
    if (!MessageDigest.isEqual(expectedSecretSha256, Sha256.digest(activatedSecret))) {
      throw new AttestationException(
          CREDENTIAL_MISMATCH,
          "the credential was not activated by the TPM holding this EK and AK");
    }
  }
}
