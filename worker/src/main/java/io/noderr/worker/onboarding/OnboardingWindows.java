package io.noderr.worker.onboarding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The onboarding time limits the console starts applications with ({@code noderr.onboarding.*}, the
 * same properties): the worker needs them to start a lost application's workflow again.
 *
 * @param installTokenTtl how long an install token is valid after approval or re-issue
 * @param reviewWindow how long an application may wait for review before it expires
 */
@ConfigurationProperties("noderr.onboarding")
public record OnboardingWindows(
    @DefaultValue("24h") Duration installTokenTtl, @DefaultValue("30d") Duration reviewWindow) {}
