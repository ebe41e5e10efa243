package io.noderr.agent.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.agent.platform.JsonApi;
import io.noderr.agent.platform.PlatformException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The platform's auth API, {@code /api/v1/auth/*}, as the wire format in docs/onboarding.md. */
public class AuthClient {

  private final JsonApi api;

  public AuthClient(JsonApi api) {
    this.api = api;
  }

  /** A fresh single-use nonce and the PCRs a quote over it must cover. */
  public record Challenge(byte[] nonce, int[] pcrSelection) {}

  /** What the first registration round trip answers: a session, or a credential to activate. */
  public sealed interface RegistrationStep permits Session, CredentialChallenge {}

  /** The platform's MakeCredential answer to a TPM registration. */
  public record CredentialChallenge(
      String registrationId, byte[] credentialBlob, byte[] encryptedSecret)
      implements RegistrationStep {}

  public Challenge challenge() {
    JsonNode answer = api.post("/api/v1/auth/challenge", Map.of(), null);
    int[] pcrs =
        StreamSupport.stream(answer.path("pcrSelection").spliterator(), false)
            .mapToInt(JsonNode::asInt)
            .toArray();
    return new Challenge(decode(answer, "nonce"), pcrs);
  }

  /**
   * First round trip of a registration. A software key completes here (the answer is the session);
   * a TPM gets a credential challenge to activate.
   */
  public RegistrationStep register(
      String installToken, String tier, NodeKey key, Challenge challenge) {
    Map<String, Object> body = new HashMap<>(key.publicMaterial());
    body.putAll(key.prove(challenge.nonce(), challenge.pcrSelection()));
    body.put("installToken", installToken);
    body.put("keyKind", key.kind());
    body.put("nonce", encode(challenge.nonce()));
    if (tier != null) {
      body.put("tier", tier);
    }
    JsonNode answer = api.post("/api/v1/auth/register", body, null);
    if (answer.hasNonNull("registrationId")) {
      return new CredentialChallenge(
          answer.path("registrationId").asText(),
          decode(answer, "credentialBlob"),
          decode(answer, "encryptedSecret"));
    }
    return session(answer);
  }

  /** Second round trip: the secret recovered with ActivateCredential. */
  public Session activate(String registrationId, byte[] secret) {
    return session(
        api.post(
            "/api/v1/auth/register/" + registrationId + "/activation",
            Map.of("secret", encode(secret)),
            null));
  }

  /** A new session for a registered node: a proof over a fresh nonce, no token needed. */
  public Session token(String nodeId, NodeKey key) {
    Challenge challenge = challenge();
    return session(api.post("/api/v1/auth/token", proofBody(nodeId, key, challenge), null));
  }

  /** Renews a live session; the platform re-attests (fresh quote, PCR policy). */
  public Session refresh(Session current, NodeKey key) {
    Challenge challenge = challenge();
    return session(
        api.post(
            "/api/v1/auth/refresh",
            proofBody(current.nodeId(), key, challenge),
            "Bearer " + current.token()));
  }

  private static Map<String, Object> proofBody(String nodeId, NodeKey key, Challenge challenge) {
    Map<String, Object> body =
        new HashMap<>(key.prove(challenge.nonce(), challenge.pcrSelection()));
    body.put("nodeId", nodeId);
    body.put("nonce", encode(challenge.nonce()));
    return body;
  }

  private static Session session(JsonNode answer) {
    String nodeId = answer.path("nodeId").asText("");
    String token = answer.path("sessionToken").asText("");
    if (nodeId.isEmpty() || token.isEmpty()) {
      throw new PlatformException("the platform's answer carries no session");
    }
    return new Session(
        nodeId,
        token,
        Instant.parse(answer.path("expiresAt").asText()),
        answer.hasNonNull("temporalTarget") ? answer.path("temporalTarget").asText() : null,
        answer.path("temporalNamespace").asText("default"),
        answer.hasNonNull("tier") ? answer.path("tier").asText() : null,
        answer.hasNonNull("gatewayCertificateSha256")
            ? answer.path("gatewayCertificateSha256").asText()
            : null);
  }

  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] decode(JsonNode answer, String field) {
    try {
      return Base64.getDecoder().decode(answer.path(field).asText(""));
    } catch (IllegalArgumentException e) {
      throw new PlatformException("the platform's answer has a malformed " + field);
    }
  }
}
