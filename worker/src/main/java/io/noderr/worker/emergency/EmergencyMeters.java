package io.noderr.worker.emergency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.noderr.activities.emergency.EmergencyAction;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Emergencies ({@code noderr_emergency_steps_total{action,step}}): proposed, signed, mandate (a
 * guardian acted alone), done (acted with the quorum, or ratified), resumed, reverted, expired,
 * refused, failed — every step the emergency workflow records, counted once (a retried record that
 * finds the step written counts nothing).
 */
@Component
public class EmergencyMeters {

  private static final String PREFIX = "emergency.";
  private static final String NAME = "noderr.emergency.steps";

  /**
   * The steps in which an emergency acts. Their series exist at 0 from the start: Prometheus's
   * {@code increase()} sees a counter's first increment only against an earlier sample, and the
   * NoderrEmergencyInvoked rule must not miss the first emergency of a process.
   */
  static final List<String> ACTING_STEPS = List.of("mandate", "done");

  private final MeterRegistry registry;

  public EmergencyMeters(MeterRegistry registry) {
    this.registry = registry;
    for (EmergencyAction action : EmergencyAction.values()) {
      ACTING_STEPS.forEach(step -> counter(label(action.name()), step));
    }
  }

  void step(String action, String auditAction) {
    counter(
            label(action),
            auditAction.startsWith(PREFIX) ? auditAction.substring(PREFIX.length()) : auditAction)
        .increment();
  }

  private Counter counter(String action, String step) {
    return Counter.builder(NAME)
        .description("Emergency steps recorded, by action and step")
        .tag("action", action)
        .tag("step", step)
        .register(registry);
  }

  private static String label(String action) {
    return action.toLowerCase(Locale.ROOT);
  }
}
