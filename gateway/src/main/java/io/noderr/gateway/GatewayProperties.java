package io.noderr.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node gateway ({@code noderr.gateway.*}). Its certificate's directory ({@code
 * noderr.gateway.tls-dir}) is read before the context exists, by the assembly that loads the
 * certificate (see {@link GatewayCertificate}).
 *
 * @param enabled whether this process serves nodes through the gateway (roles all and console)
 * @param bindAddress where the gateway listens; loopback unless nodes live on other hosts
 * @param port the gateway's TLS port
 * @param namespace the only Temporal namespace nodes may work in (the platform's)
 * @param sessionCache how long a resolved session is believed without asking the registry again;
 *     short, because revocation must bite within seconds
 * @param sweepInterval how often sessions with open long polls are re-checked (the cut-off)
 */
@ConfigurationProperties("noderr.gateway")
public record GatewayProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("127.0.0.1") String bindAddress,
    @DefaultValue("7234") int port,
    @DefaultValue("default") String namespace,
    @DefaultValue("1s") Duration sessionCache,
    @DefaultValue("1s") Duration sweepInterval) {

  public GatewayProperties {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("noderr.gateway.port must be 0..65535, got " + port);
    }
    if (sessionCache.isNegative() || sessionCache.compareTo(Duration.ofSeconds(5)) > 0) {
      throw new IllegalArgumentException(
          "noderr.gateway.session-cache must be at most 5s (revocation must bite fast)");
    }
    if (sweepInterval.isNegative()
        || sweepInterval.isZero()
        || sweepInterval.compareTo(Duration.ofSeconds(2)) > 0) {
      throw new IllegalArgumentException(
          "noderr.gateway.sweep-interval must be more than 0 and at most 2s");
    }
  }

  /** The host:port agents are told, when nobody configured another (NAT, containers). */
  public String target() {
    return bindAddress + ":" + port;
  }
}
