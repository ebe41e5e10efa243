package io.noderr.registry.alert;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long silences may last ({@code noderr.alerts.silences.*}), shared by the console that creates
 * them and the worker that expires them.
 *
 * @param maxDuration the longest silence anyone may create
 * @param idleExpiry a silence that has matched no firing alert for this long ends by itself
 */
@ConfigurationProperties("noderr.alerts.silences")
public record SilenceLimits(
    @DefaultValue("24h") Duration maxDuration, @DefaultValue("1h") Duration idleExpiry) {

  public SilenceLimits {
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("noderr.alerts.silences.max-duration must be positive");
    }
    if (idleExpiry.isNegative() || idleExpiry.isZero()) {
      throw new IllegalArgumentException("noderr.alerts.silences.idle-expiry must be positive");
    }
  }
}
