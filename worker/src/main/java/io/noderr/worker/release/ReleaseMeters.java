package io.noderr.worker.release;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Release approvals ({@code noderr_release_approval_steps_total{step}}): proposed, signed,
 * declined, approved, published, expired... — every step the approval workflow records, counted
 * once (a retried record that finds the step written counts nothing).
 */
@Component
public class ReleaseMeters {

  private static final String PREFIX = "release.";

  private final MeterRegistry registry;

  public ReleaseMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void step(String action) {
    Counter.builder("noderr.release.approval.steps")
        .description("Release approval steps recorded, by step")
        .tag("step", action.startsWith(PREFIX) ? action.substring(PREFIX.length()) : action)
        .register(registry)
        .increment();
  }
}
