package io.noderr.agent.identity;

import io.noderr.agent.identity.AuthClient.Challenge;
import io.noderr.agent.identity.AuthClient.CredentialChallenge;
import io.noderr.agent.identity.AuthClient.RegistrationStep;
import io.noderr.agent.identity.IdentityFile.Identity;
import java.net.URI;
import java.time.Clock;

/**
 * Gets a node its session: the first time by registering with the install token (challenge →
 * register → ActivateCredential for a TPM), afterwards by proving possession of the same key to
 * {@code /auth/token}. The identity file is written only once the platform accepted the node.
 */
public final class NodeLogin {

  private final AuthClient auth;
  private final IdentityFile identityFile;
  private final URI platform;
  private final Clock clock;

  public NodeLogin(AuthClient auth, IdentityFile identityFile, URI platform, Clock clock) {
    this.auth = auth;
    this.identityFile = identityFile;
    this.platform = platform;
    this.clock = clock;
  }

  /** True when this state directory already holds a registered identity. */
  public boolean registered() {
    return identityFile.read().isPresent();
  }

  /**
   * Registers the node.
   *
   * @param tier the tier to join, or null for the install token's tier
   */
  public Session register(String installToken, String tier, NodeKey key) {
    Challenge challenge = auth.challenge();
    RegistrationStep step = auth.register(installToken, tier, key, challenge);
    Session session =
        switch (step) {
          case Session done -> done;
          case CredentialChallenge credential ->
              auth.activate(
                  credential.registrationId(),
                  key.activateCredential(
                      credential.credentialBlob(), credential.encryptedSecret()));
        };
    identityFile.write(
        new Identity(session.nodeId(), platform.toString(), key.kind(), clock.instant()));
    return session;
  }

  /** A new session for the registered node of this state directory. */
  public Session login(NodeKey key) {
    Identity identity =
        identityFile
            .read()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "this node is not registered yet: pass --install-token"));
    if (!identity.keyKind().equals(key.kind())) {
      throw new IllegalArgumentException(
          "this node registered with a "
              + identity.keyKind()
              + " key but --tpm selects "
              + key.kind());
    }
    return auth.token(identity.nodeId(), key);
  }
}
