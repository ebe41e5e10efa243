package io.noderr.gateway.identity;

import static io.noderr.gateway.identity.AuthRefusedException.Kind.CONFLICT;
import static io.noderr.gateway.identity.AuthRefusedException.Kind.FORBIDDEN;
import static io.noderr.gateway.identity.AuthRefusedException.Kind.MALFORMED;
import static io.noderr.gateway.identity.AuthRefusedException.Kind.UNAUTHENTICATED;

import io.noderr.activities.onboarding.NodeIdentity;
import io.noderr.attestation.CredentialChallenge;
import io.noderr.gateway.GatewayMeters;
import io.noderr.gateway.identity.AuthPayloads.ActivationRequest;
import io.noderr.gateway.identity.AuthPayloads.ChallengeAnswer;
import io.noderr.gateway.identity.AuthPayloads.ProofRequest;
import io.noderr.gateway.identity.AuthPayloads.RegisterRequest;
import io.noderr.gateway.identity.AuthPayloads.RegistrationAnswer;
import io.noderr.gateway.identity.AuthPayloads.SessionAnswer;
import io.noderr.http.Secrets;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.AuthChallenges;
import io.noderr.registry.identity.InstallToken;
import io.noderr.registry.identity.InstallTokens;
import io.noderr.registry.identity.NodeIdentities;
import io.noderr.registry.identity.NodeSessions;
import io.noderr.registry.identity.PendingRegistration;
import io.noderr.registry.identity.PendingRegistrations;
import io.noderr.registry.identity.StoredIdentity;
import io.noderr.registry.node.Node;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.node.NodeStatus;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The auth API: nonces, registration (Keylime-style: EK certificate chain, EK/AK binding by
 * credential activation, quote over the nonce, PCR policy), session tokens, and re-attestation on
 * every renewal. A refusal is audited with its reason and changes nothing else (the nonce it
 * presented is spent, so it cannot be retried with other evidence).
 */
@Service
public class AuthService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final EvidenceVerification evidence;
  private final Registrations registrations;
  private final AuthChallenges challenges;
  private final InstallTokens tokens;
  private final PendingRegistrations pending;
  private final NodeIdentities identities;
  private final NodeSessions sessions;
  private final SessionIssuer issuer;
  private final NodeRepository nodes;
  private final AuditLog audit;
  private final NodeAuthProperties properties;
  private final Clock clock = Clock.systemUTC();

  AuthService(
      EvidenceVerification evidence,
      Registrations registrations,
      AuthChallenges challenges,
      InstallTokens tokens,
      PendingRegistrations pending,
      NodeIdentities identities,
      NodeSessions sessions,
      SessionIssuer issuer,
      NodeRepository nodes,
      AuditLog audit,
      NodeAuthProperties properties) {
    this.evidence = evidence;
    this.registrations = registrations;
    this.challenges = challenges;
    this.tokens = tokens;
    this.pending = pending;
    this.identities = identities;
    this.sessions = sessions;
    this.issuer = issuer;
    this.nodes = nodes;
    this.audit = audit;
    this.properties = properties;
  }

  public ChallengeAnswer challenge() {
    byte[] nonce = randomBytes(32);
    Instant expiresAt = clock.instant().plus(properties.challengeTtl());
    challenges.issue(HexFormat.of().formatHex(nonce), expiresAt);
    return new ChallengeAnswer(
        Base64.getEncoder().encodeToString(nonce), expiresAt, evidence.pcrSelection());
  }

  /**
   * First round trip. A software key completes here; a TPM gets a credential only its own EK can
   * decrypt, bound to the AK's name, and must answer it through {@link #activate}.
   */
  public RegistrationAnswer register(RegisterRequest request) {
    String subject = "install-token";
    try {
      InstallToken token = liveToken(request.installToken());
      subject = token.applicationId();
      String tier = request.tier() == null ? token.tier() : request.tier();
      if (!tier.equals(token.tier())) {
        throw new AuthRefusedException(
            FORBIDDEN, "install token is for tier " + token.tier() + ", not " + tier);
      }
      String tokenHash = Secrets.sha256Hex(request.installToken());
      byte[] nonce = consumeNonce(request.nonce());
      if (request.keyKind().equals("SOFTWARE")) {
        requireUnattestedAllowed(tier);
        NodeIdentity identity = evidence.softwareRegistration(request, nonce);
        return session(
            registrations.complete(token.applicationId(), tokenHash, tier, identity), tier);
      }
      NodeIdentity identity = evidence.tpmRegistration(request, nonce);
      if (identities.ekInUse(identity.ekCertificateSha256())) {
        throw new AuthRefusedException(CONFLICT, "this TPM is already registered as another node");
      }
      return challengeCredential(token.applicationId(), tokenHash, tier, identity);
    } catch (AuthRefusedException e) {
      audit.append("anonymous", "auth.register-refused", subject, e.getMessage(), null);
      throw e;
    }
  }

  private AuthPayloads.CredentialChallenge challengeCredential(
      String applicationId, String tokenHash, String tier, NodeIdentity identity) {
    CredentialChallenge credential = evidence.makeCredential(identity);
    String registrationId = "reg-" + HexFormat.of().formatHex(randomBytes(16));
    Instant expiresAt = clock.instant().plus(properties.activationTtl());
    pending.save(
        new PendingRegistration(
            registrationId,
            applicationId,
            tokenHash,
            HexFormat.of().formatHex(credential.secretSha256()),
            PendingEvidence.toJson(new PendingEvidence(tier, identity)),
            expiresAt));
    audit.append(
        "anonymous",
        "auth.tpm-evidence-verified",
        applicationId,
        "EK certificate sha256 "
            + identity.ekCertificateSha256()
            + ", AK "
            + identity.akName()
            + "; credential challenge "
            + registrationId
            + " sent",
        OnboardingWorkflow.workflowId(applicationId));
    return new AuthPayloads.CredentialChallenge(
        registrationId,
        Base64.getEncoder().encodeToString(credential.credentialBlob()),
        Base64.getEncoder().encodeToString(credential.encryptedSecret()),
        expiresAt);
  }

  /** Second round trip: only the TPM holding both the EK and the AK could recover the secret. */
  public SessionAnswer activate(String registrationId, ActivationRequest request) {
    String subject = "registration";
    try {
      PendingRegistration registration =
          pending
              .take(registrationId)
              .orElseThrow(
                  () ->
                      new AuthRefusedException(
                          UNAUTHENTICATED,
                          "unknown or already answered registration; start again with"
                              + " /auth/challenge"));
      subject = registration.applicationId();
      if (!clock.instant().isBefore(registration.expiresAt())) {
        throw new AuthRefusedException(
            UNAUTHENTICATED, "the registration expired before its activation; start again");
      }
      evidence.verifyActivation(registration.secretHash(), decode("secret", request.secret()));
      PendingEvidence verified = PendingEvidence.fromJson(registration.evidenceJson());
      return session(
          registrations.complete(
              registration.applicationId(),
              registration.tokenHash(),
              verified.tier(),
              verified.identity()),
          verified.tier());
    } catch (AuthRefusedException e) {
      audit.append("anonymous", "auth.activation-refused", subject, e.getMessage(), null);
      throw e;
    }
  }

  /** A new session for a registered node: a fresh proof with its registered key. */
  public SessionAnswer token(ProofRequest request) {
    try {
      Node node = reattest(request, false);
      return session(node.id(), node.tier().name());
    } catch (AuthRefusedException e) {
      audit.append(request.nodeId(), "auth.token-refused", request.nodeId(), e.getMessage(), null);
      throw e;
    }
  }

  /**
   * Renews the caller's session. A fresh quote is verified every time, against the PCR policy's
   * allowed values and, for PCRs without any, the values recorded at registration; any failure
   * quarantines the node.
   */
  public SessionAnswer refresh(ProofRequest request, String callerNodeId, String presentedToken) {
    try {
      if (!request.nodeId().equals(callerNodeId)) {
        throw new AuthRefusedException(FORBIDDEN, "a session may renew only its own node");
      }
      Node node = reattest(request, true);
      sessions.revoke(Secrets.sha256Hex(presentedToken));
      return session(node.id(), node.tier().name());
    } catch (AuthRefusedException e) {
      audit.append(callerNodeId, "auth.refresh-refused", callerNodeId, e.getMessage(), null);
      throw e;
    }
  }

  /**
   * Verifies a proof with the node's registered key. A quote correctly signed by the node's AK
   * whose PCRs break the policy quarantines it (the node itself reports a bad state); so does any
   * failure of an authenticated renewal. A bad signature on the public token endpoint does not: an
   * anonymous caller must not be able to quarantine someone else's node.
   */
  private Node reattest(ProofRequest request, boolean authenticated) {
    StoredIdentity identity =
        identities
            .find(request.nodeId())
            .orElseThrow(() -> new AuthRefusedException(UNAUTHENTICATED, "unknown node"));
    Node node = nodes.findById(request.nodeId()).orElseThrow();
    if (node.status() == NodeStatus.QUARANTINED || node.status() == NodeStatus.RETIRED) {
      throw new AuthRefusedException(
          FORBIDDEN, "node " + request.nodeId() + " is " + node.status().name().toLowerCase());
    }
    byte[] nonce = consumeNonce(request.nonce());
    try {
      Map<String, String> pcrs = evidence.verifyProof(identity, request, nonce);
      if (identity.tpm()) {
        identities.attested(request.nodeId(), pcrs);
      }
    } catch (EvidenceVerification.ProofRefused refused) {
      boolean quarantine = identity.tpm() && (refused.nodeStateBad() || authenticated);
      if (quarantine) {
        identities.quarantine(request.nodeId(), "attestation failed: " + refused.getMessage());
      }
      GatewayMeters.attestationFailed(quarantine);
      throw new AuthRefusedException(UNAUTHENTICATED, refused.getMessage());
    }
    return node;
  }

  private InstallToken liveToken(String presented) {
    if (!Secrets.hasShape(Secrets.INSTALL_TOKEN, presented)) {
      throw new AuthRefusedException(MALFORMED, "install token is malformed");
    }
    InstallToken token =
        tokens
            .find(Secrets.sha256Hex(presented))
            .orElseThrow(() -> new AuthRefusedException(UNAUTHENTICATED, "unknown install token"));
    String refusal = token.refusal(clock.instant());
    if (refusal != null) {
      throw new AuthRefusedException(UNAUTHENTICATED, refusal);
    }
    return token;
  }

  private void requireUnattestedAllowed(String tier) {
    if (!properties.allowUnattested()) {
      throw new AuthRefusedException(
          FORBIDDEN, "this platform admits only TPM-attested nodes (a software key was offered)");
    }
    if (!tier.equals("ALL")) {
      throw new AuthRefusedException(
          FORBIDDEN, "tier " + tier + " needs a TPM-attested node; software keys are not enough");
    }
  }

  private byte[] consumeNonce(String encoded) {
    byte[] nonce = decode("nonce", encoded);
    if (!challenges.consume(HexFormat.of().formatHex(nonce), clock.instant())) {
      throw new AuthRefusedException(
          UNAUTHENTICATED, "unknown, used or expired nonce; ask /auth/challenge for a fresh one");
    }
    return nonce;
  }

  private SessionAnswer session(String nodeId, String tier) {
    SessionIssuer.IssuedSession session = issuer.issue(nodeId);
    return new SessionAnswer(
        nodeId,
        session.sessionToken(),
        session.expiresAt(),
        issuer.temporalTarget(),
        issuer.temporalNamespace(),
        tier,
        issuer.gatewayCertificateSha256());
  }

  static byte[] decode(String field, String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new AuthRefusedException(MALFORMED, field + " is not valid base64");
    }
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
