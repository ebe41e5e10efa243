package io.noderr.cli.sim;

import io.noderr.agent.HeartbeatLoop;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.telemetry.TelemetryLoop;
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

  /**
   * How the fleet's heartbeats reach the platform: by default in batches with the fleet
   * credential's client, which may speak for nodes without an identity of their own.
   */
  default HeartbeatLoop.Sender heartbeats(PlatformClient fleetClient) {
    return fleetClient::heartbeat;
  }

  /** How the fleet's telemetry reaches the platform: like its heartbeats. */
  default TelemetryLoop.Sender telemetry(PlatformClient fleetClient) {
    return fleetClient::telemetry;
  }
}
