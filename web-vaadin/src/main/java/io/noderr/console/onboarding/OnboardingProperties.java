package io.noderr.console.onboarding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's onboarding settings ({@code noderr.onboarding.*}; the node gateway reads the node
 * identity settings under the same prefix).
 *
 * @param installTokenTtl how long an install token is valid after approval or re-issue
 * @param reviewWindow how long an application may wait for review before it expires
 * @param rateLimit per-address limit of the public application endpoint
 */
@ConfigurationProperties("noderr.onboarding")
public record OnboardingProperties(
    @DefaultValue("24h") Duration installTokenTtl,
    @DefaultValue("30d") Duration reviewWindow,
    @DefaultValue RateLimit rateLimit) {

  /**
   * @param applicationsPerMinute applications one address may submit per minute
   */
  public record RateLimit(@DefaultValue("10") int applicationsPerMinute) {}
}
