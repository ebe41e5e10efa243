package io.noderr.gateway.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Node identity settings of the auth API ({@code noderr.onboarding.*}, the prefix the console's
 * onboarding settings share: one place for everything about admitting nodes).
 *
 * @param allowUnattested whether nodes without a TPM may register (software key, UNATTESTED, tier
 *     ALL only); false unless configured (the demo profile sets it)
 * @param challengeTtl how long a nonce from {@code /auth/challenge} may be used
 * @param activationTtl how long a TPM registration waits for its ActivateCredential answer
 * @param sessionTtl lifetime of a node's API session token
 * @param manufacturerCas PEM files, or directories of them, of the CAs whose EK certificates are
 *     trusted (TPM manufacturers; swtpm's local CA for development)
 * @param pcrPolicy the PCRs every quote must cover, and optionally their allowed values
 * @param rateLimit per-address limit of the auth API
 * @param agentTemporalTarget where agents poll (host:port): the node gateway in front of Temporal,
 *     told to every node with its session so installers need not know it; empty: agents must be
 *     told themselves
 * @param agentTemporalNamespace the Temporal namespace agents use
 * @param agentGatewayCertificateSha256 the node gateway's certificate fingerprint, told with every
 *     session; agents pin it on first registration. Empty: no gateway (agents connect in plain
 *     text)
 */
@ConfigurationProperties("noderr.onboarding")
public record NodeAuthProperties(
    @DefaultValue("false") boolean allowUnattested,
    @DefaultValue("60s") Duration challengeTtl,
    @DefaultValue("2m") Duration activationTtl,
    @DefaultValue("15m") Duration sessionTtl,
    @DefaultValue List<Path> manufacturerCas,
    @DefaultValue PcrPolicySettings pcrPolicy,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue("") String agentTemporalTarget,
    @DefaultValue("default") String agentTemporalNamespace,
    @DefaultValue("") String agentGatewayCertificateSha256) {

  /**
   * @param indices SHA-256 PCRs every quote covers
   * @param allowed per PCR index, the accepted values (hex); an index not listed accepts any value
   */
  public record PcrPolicySettings(
      @DefaultValue({"0", "1", "2", "3", "4", "5", "6", "7"}) List<Integer> indices,
      @DefaultValue Map<Integer, List<String>> allowed) {}

  /**
   * @param authPerMinute auth API calls one address may make per minute (a NAT in front of a fleet
   *     shares one address, hence the high default)
   */
  public record RateLimit(@DefaultValue("600") int authPerMinute) {}
}
