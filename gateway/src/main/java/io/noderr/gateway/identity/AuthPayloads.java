package io.noderr.gateway.identity;

import io.noderr.http.TierNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Request and answer bodies of the auth API (docs/onboarding.md has the wire format). Binary fields
 * are standard base64; size caps are generous for real TPM structures and stop oversized payloads
 * before any parsing.
 */
public final class AuthPayloads {

  private static final String BASE64 = "[A-Za-z0-9+/]*={0,2}";

  private AuthPayloads() {}

  public record ChallengeAnswer(String nonce, Instant expiresAt, List<Integer> pcrSelection) {}

  /** A TPM quote and the PCR values it covers. */
  public record Quote(
      @NotNull @Size(max = 4096) @Pattern(regexp = BASE64, message = "must be base64")
          String attest,
      @NotNull @Size(max = 2048) @Pattern(regexp = BASE64, message = "must be base64")
          String signature,
      @NotNull @Size(max = 24)
          Map<@Pattern(regexp = "\\d{1,2}") String, @Pattern(regexp = "[0-9a-fA-F]{64}") String>
              pcrs) {}

  /**
   * First round trip of a registration. {@code keyKind} TPM carries the EK certificate, EK and AK
   * public areas and a quote; SOFTWARE carries {@code keyPublic} and {@code signature}.
   */
  public record RegisterRequest(
      @NotBlank @Size(max = 100) String installToken,
      @Pattern(regexp = TierNames.PATTERN, message = TierNames.MESSAGE) String tier,
      @NotNull @Pattern(regexp = "TPM|SOFTWARE", message = "must be TPM or SOFTWARE")
          String keyKind,
      @NotBlank @Size(max = 100) @Pattern(regexp = BASE64, message = "must be base64") String nonce,
      @Size(max = 12_000) @Pattern(regexp = BASE64, message = "must be base64")
          String ekCertificate,
      @Size(max = 2048) @Pattern(regexp = BASE64, message = "must be base64") String ekPublic,
      @Size(max = 2048) @Pattern(regexp = BASE64, message = "must be base64") String akPublic,
      @Valid Quote quote,
      @Size(max = 1024) @Pattern(regexp = BASE64, message = "must be base64") String keyPublic,
      @Size(max = 1024) @Pattern(regexp = BASE64, message = "must be base64") String signature) {}

  /** What the first registration round trip answers. */
  public sealed interface RegistrationAnswer permits CredentialChallenge, SessionAnswer {}

  /** The platform's MakeCredential challenge (TPM registrations). */
  public record CredentialChallenge(
      String registrationId, String credentialBlob, String encryptedSecret, Instant expiresAt)
      implements RegistrationAnswer {}

  public record ActivationRequest(
      @NotBlank @Size(max = 256) @Pattern(regexp = BASE64, message = "must be base64")
          String secret) {}

  /** {@code /auth/token} and {@code /auth/refresh}: a proof over a fresh nonce. */
  public record ProofRequest(
      @NotBlank @Size(max = 64) String nodeId,
      @NotBlank @Size(max = 100) @Pattern(regexp = BASE64, message = "must be base64") String nonce,
      @Valid Quote quote,
      @Size(max = 1024) @Pattern(regexp = BASE64, message = "must be base64") String signature) {}

  /**
   * A node session; {@code sessionToken} is a bearer secret the platform keeps only hashed. {@code
   * temporalTarget} (null when not configured) is where the node's agent polls its task queue.
   * {@code tier} is the node's tier from its approved application: the agent pins it at
   * registration and refuses releases for any other tier.
   */
  public record SessionAnswer(
      String nodeId,
      String sessionToken,
      Instant expiresAt,
      String temporalTarget,
      String temporalNamespace,
      String tier,
      String gatewayCertificateSha256)
      implements RegistrationAnswer {

    @Override
    public String toString() {
      return "SessionAnswer[nodeId=" + nodeId + ", expiresAt=" + expiresAt + "]";
    }
  }
}
