package io.noderr.console.api;

import io.noderr.console.fleet.FleetService;
import io.noderr.registry.fleet.FleetHealth;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/fleet}: fleet-wide aggregates. */
@RestController
class FleetController {

  private final FleetService fleet;

  FleetController(FleetService fleet) {
    this.fleet = fleet;
  }

  @GetMapping("/api/v1/fleet/health")
  FleetHealth health() {
    return fleet.health();
  }
}
