package io.noderr.agent.identity;

import io.noderr.activities.release.BeaconTier;
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
    // The platform's answer is trusted for the tier this once; the requested tier (which the
    // platform checked against the install token) stands in for a platform that does not say.
    identityFile.write(
        new Identity(
            session.nodeId(),
            platform.toString(),
            key.kind(),
            clock.instant(),
            session.tier() != null ? session.tier() : tier));
    return session;
  }

  /**
   * The tier pinned in {@code identity.json}: the only tier whose releases this node installs. An
   * identity from before tiers were pinned takes the tier of {@code session} once and stores it;
   * after that, nothing the platform says changes it (a compromised platform must not move a
   * GUARDIAN node onto releases signed for another tier).
   *
   * @throws IllegalArgumentException when no tier is pinned and the platform names none
   */
  public BeaconTier pinnedTier(Session session) {
    Identity identity = identityFile.read().orElseThrow(NodeLogin::notRegistered);
    if (identity.tier() == null) {
      if (session.tier() == null) {
        throw new IllegalArgumentException(
            identityFile.path()
                + " pins no tier and the platform names none: move it away and register this"
                + " node again with a new install token");
      }
      identity = identity.withTier(session.tier());
      identityFile.write(identity);
    }
    try {
      return BeaconTier.valueOf(identity.tier());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          identityFile.path()
              + " pins the unknown tier '"
              + identity.tier()
              + "': move it away and register this node again with a new install token");
    }
  }

  /**
   * As {@link #pinnedTier(Session)}, and it must be {@code expected} when one is given: installers
   * write the tier into the service's settings, so settings and identity that disagree (an edited
   * file, a state directory from another install) stop the agent instead of one silently winning.
   *
   * @param expected the tier the agent was started with ({@code --tier}), or null
   * @throws IllegalArgumentException when the pinned tier is another
   */
  public BeaconTier pinnedTier(Session session, String expected) {
    BeaconTier pinned = pinnedTier(session);
    if (expected != null && !pinned.name().equals(expected)) {
      throw new IllegalArgumentException(
          "this node is pinned to tier "
              + pinned
              + " ("
              + identityFile.path()
              + "), not "
              + expected
              + " as --tier says: a node changes tier only by registering again with a new install"
              + " token");
    }
    return pinned;
  }

  /** A new session for the registered node of this state directory. */
  public Session login(NodeKey key) {
    Identity identity = identityFile.read().orElseThrow(NodeLogin::notRegistered);
    if (!identity.keyKind().equals(key.kind())) {
      throw new IllegalArgumentException(
          "this node registered with a "
              + identity.keyKind()
              + " key but --tpm selects "
              + key.kind());
    }
    return auth.token(identity.nodeId(), key);
  }

  private static IllegalArgumentException notRegistered() {
    return new IllegalArgumentException("this node is not registered yet: pass --install-token");
  }
}
