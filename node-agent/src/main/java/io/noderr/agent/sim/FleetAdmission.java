package io.noderr.agent.sim;

import io.noderr.agent.platform.EnrollmentEntry;
import java.util.List;

/**
 * How a simulated fleet gets into the registry. Returns, for each requested entry in order, the id
 * the platform knows the node by.
 */
public interface FleetAdmission {

  List<String> admit(List<EnrollmentEntry> nodes);

  /**
   * The tier a node requested as {@code requested} is admitted to: the tier its agent pins, so the
   * simulated node checks releases against that tier's beacon only, like a real agent.
   */
  default String admittedTier(EnrollmentEntry requested) {
    return requested.tier();
  }
}
