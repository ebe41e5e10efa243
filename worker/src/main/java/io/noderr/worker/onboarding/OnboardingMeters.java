package io.noderr.worker.onboarding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The onboarding funnel ({@code noderr_onboarding_steps_total{step}}): submitted, approved,
 * reissued, rejected, expired, withdrawn..., registered. Counted when a step is first recorded, so
 * a retried activity counts it once.
 */
@Component
class OnboardingMeters {

  private final MeterRegistry registry;

  OnboardingMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void step(String step) {
    Counter.builder("noderr.onboarding.steps")
        .description("Onboarding steps recorded, by step (the funnel)")
        .tag("step", step)
        .register(registry)
        .increment();
  }
}
