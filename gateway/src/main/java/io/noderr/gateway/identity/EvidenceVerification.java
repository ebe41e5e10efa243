package io.noderr.gateway.identity;

import static io.noderr.gateway.identity.AuthRefusedException.Kind.MALFORMED;
import static io.noderr.gateway.identity.AuthRefusedException.Kind.UNAUTHENTICATED;

import io.noderr.activities.onboarding.NodeIdentity;
import io.noderr.activities.onboarding.NodeIdentity.KeyKind;
import io.noderr.attestation.AttestationException;
import io.noderr.attestation.CredentialChallenge;
import io.noderr.attestation.PcrPolicy;
import io.noderr.attestation.Quote;
import io.noderr.attestation.RegistrationEvidence;
import io.noderr.attestation.SoftwareKeyVerifier;
import io.noderr.attestation.TpmEvidenceVerifier;
import io.noderr.attestation.TrustedManufacturers;
import io.noderr.attestation.VerifiedIdentity;
import io.noderr.gateway.identity.AuthPayloads.ProofRequest;
import io.noderr.gateway.identity.AuthPayloads.RegisterRequest;
import io.noderr.registry.identity.StoredIdentity;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The console's use of the attestation verifier: decodes the wire format, runs the checks and turns
 * an {@link AttestationException} into the caller's refusal. Built once from configuration, so a
 * bad CA file or PCR policy stops the platform at start-up instead of failing registrations.
 */
@Component
class EvidenceVerification {

  private final TpmEvidenceVerifier tpm;
  private final SoftwareKeyVerifier software = new SoftwareKeyVerifier();

  EvidenceVerification(NodeAuthProperties properties) {
    PcrPolicy policy =
        PcrPolicy.of(properties.pcrPolicy().indices(), properties.pcrPolicy().allowed());
    this.tpm =
        new TpmEvidenceVerifier(TrustedManufacturers.load(properties.manufacturerCas()), policy);
  }

  /**
   * A proof that failed.
   *
   * @param nodeStateBad the node's own key signed it, but what it attests breaks the policy
   */
  static final class ProofRefused extends RuntimeException {
    private final boolean nodeStateBad;

    ProofRefused(String message, boolean nodeStateBad) {
      super(message);
      this.nodeStateBad = nodeStateBad;
    }

    boolean nodeStateBad() {
      return nodeStateBad;
    }
  }

  NodeIdentity softwareRegistration(RegisterRequest request, byte[] nonce) {
    byte[] key = required("keyPublic", request.keyPublic());
    try {
      software.verify(key, nonce, required("signature", request.signature()));
    } catch (AttestationException e) {
      throw refusal(e);
    }
    return new NodeIdentity(KeyKind.SOFTWARE, request.keyPublic(), null, null, null, Map.of());
  }

  NodeIdentity tpmRegistration(RegisterRequest request, byte[] nonce) {
    RegistrationEvidence evidence =
        new RegistrationEvidence(
            required("ekCertificate", request.ekCertificate()),
            required("ekPublic", request.ekPublic()),
            required("akPublic", request.akPublic()),
            quote(request.quote()));
    try {
      VerifiedIdentity verified = tpm.verifyRegistration(evidence, nonce);
      return new NodeIdentity(
          KeyKind.TPM,
          encode(verified.akPublic()),
          HexFormat.of().formatHex(verified.akName()),
          encode(verified.ekPublic()),
          verified.ekCertificateSha256Hex(),
          asStrings(verified.pcrValues()));
    } catch (AttestationException e) {
      throw refusal(e);
    }
  }

  /** The PCRs a challenge asks for: exactly those the verifier checks. */
  List<Integer> pcrSelection() {
    return List.copyOf(tpm.pcrPolicy().indices());
  }

  CredentialChallenge makeCredential(NodeIdentity identity) {
    return tpm.makeCredential(
        Base64.getDecoder().decode(identity.ekPublic()),
        HexFormat.of().parseHex(identity.akName()));
  }

  /** The node's ActivateCredential answer against the hash of the challenge's secret. */
  void verifyActivation(String secretSha256Hex, byte[] activatedSecret) {
    try {
      tpm.verifyActivation(HexFormat.of().parseHex(secretSha256Hex), activatedSecret);
    } catch (AttestationException e) {
      throw new AuthRefusedException(
          e.reason() == AttestationException.Reason.MALFORMED_EVIDENCE
              ? MALFORMED
              : UNAUTHENTICATED,
          "credential activation failed: " + e.getMessage());
    }
  }

  /**
   * Verifies a token/refresh proof with the node's registered key, and that every PCR the policy
   * allows any value of still holds its value from registration (trust on first use); returns the
   * quoted PCR values (empty for software keys).
   */
  Map<String, String> verifyProof(StoredIdentity identity, ProofRequest request, byte[] nonce) {
    try {
      if (identity.tpm()) {
        SortedMap<Integer, String> quoted =
            tpm.verifyQuote(
                Base64.getDecoder().decode(identity.akPublic()), quote(request.quote()), nonce);
        tpm.pcrPolicy().checkUnchanged(quoted, byIndex(identity.pcrValues()));
        return asStrings(quoted);
      }
      software.verify(
          Base64.getDecoder().decode(identity.akPublic()),
          nonce,
          required("signature", request.signature()));
      return Map.of();
    } catch (AttestationException e) {
      throw new ProofRefused(
          e.getMessage(), e.reason() == AttestationException.Reason.PCR_POLICY_VIOLATION);
    } catch (AuthRefusedException e) {
      throw new ProofRefused(e.getMessage(), false);
    }
  }

  private static Quote quote(AuthPayloads.Quote quote) {
    if (quote == null) {
      throw new AuthRefusedException(MALFORMED, "quote is required for a TPM key");
    }
    Map<Integer, String> pcrs = new LinkedHashMap<>();
    quote.pcrs().forEach((index, value) -> pcrs.put(Integer.parseInt(index), value));
    return new Quote(
        AuthService.decode("quote.attest", quote.attest()),
        AuthService.decode("quote.signature", quote.signature()),
        pcrs);
  }

  private static byte[] required(String field, String base64) {
    if (base64 == null || base64.isEmpty()) {
      throw new AuthRefusedException(MALFORMED, field + " is required for this key kind");
    }
    return AuthService.decode(field, base64);
  }

  private static AuthRefusedException refusal(AttestationException e) {
    return new AuthRefusedException(
        e.reason() == AttestationException.Reason.MALFORMED_EVIDENCE ? MALFORMED : UNAUTHENTICATED,
        e.getMessage());
  }

  private static Map<String, String> asStrings(SortedMap<Integer, String> pcrs) {
    return pcrs.entrySet().stream()
        .collect(
            Collectors.toMap(
                e -> Integer.toString(e.getKey()), Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  private static Map<Integer, String> byIndex(Map<String, String> pcrs) {
    Map<Integer, String> byIndex = new TreeMap<>();
    pcrs.forEach((index, value) -> byIndex.put(Integer.parseInt(index), value));
    return byIndex;
  }

  private static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
