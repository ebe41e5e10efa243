package io.noderr.console.sim;

import io.noderr.registry.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * The simulated fleet's failure injection, for demonstrating and testing rollouts and automatic
 * rollbacks: admins set faults, admins and SREs read them. Every change is audited.
 */
@Service
public class SimulatorService {

  private final ObjectProvider<SimulatedFleetControl> fleet;
  private final AuditLog audit;

  SimulatorService(ObjectProvider<SimulatedFleetControl> fleet, AuditLog audit) {
    this.fleet = fleet;
    this.audit = audit;
  }

  /** Whether this process hosts a simulated fleet at all. */
  public boolean present() {
    return fleet.getIfAvailable() != null;
  }

  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public Optional<SimulatorState> state() {
    return Optional.ofNullable(fleet.getIfAvailable())
        .map(control -> new SimulatorState(control.nodes(), control.releaseFaults()));
  }

  /**
   * @throws IllegalArgumentException for a bad spec (nothing changed) or when no fleet is hosted
   */
  @PreAuthorize("hasRole('ADMIN')")
  public SimulatorState applyReleaseFaults(String spec, Authentication caller) {
    SimulatedFleetControl control = fleet.getIfAvailable();
    if (control == null) {
      throw new IllegalStateException("this platform hosts no simulated fleet");
    }
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("give at least one VERSION:KIND=PERCENT");
    }
    if (spec.length() > 500) {
      throw new IllegalArgumentException("the spec is longer than 500 characters");
    }
    control.applyReleaseFaults(spec);
    audit.append(caller.getName(), "simulator.release-faults", "simulator", spec, null);
    return new SimulatorState(control.nodes(), control.releaseFaults());
  }

  /**
   * Per node, how many times each update id was applied to it, kept across platform restarts, and
   * the pairs applied more than once (what a kill drill checks is empty); empty when no fleet.
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public Optional<AppliedUpdates> appliedUpdates() {
    return Optional.ofNullable(fleet.getIfAvailable())
        .map(SimulatedFleetControl::appliedUpdates)
        .map(AppliedUpdates::of);
  }

  /** The fleet's size and its release faults as a spec (empty: none). */
  public record SimulatorState(int nodes, String releaseFaults) {}

  /**
   * @param nodes per node, update id to the times it was applied
   * @param repeated the updates applied more than once to a node, as {@code node updateId x N}
   */
  public record AppliedUpdates(Map<String, Map<String, Integer>> nodes, List<String> repeated) {

    static AppliedUpdates of(Map<String, Map<String, Integer>> nodes) {
      List<String> repeated = new ArrayList<>();
      nodes.forEach(
          (node, updates) ->
              updates.forEach(
                  (update, times) -> {
                    if (times > 1) {
                      repeated.add(node + " " + update + " x" + times);
                    }
                  }));
      return new AppliedUpdates(nodes, repeated);
    }
  }
}
