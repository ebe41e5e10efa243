package io.noderr.console.api;

import io.noderr.console.fleet.FleetService;
import io.noderr.registry.fleet.FleetHealth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/fleet}: fleet-wide aggregates. */
@Tag(name = "Fleet", description = "Fleet-wide aggregates")
@RestController
class FleetController {

  private final FleetService fleet;

  FleetController(FleetService fleet) {
    this.fleet = fleet;
  }

  @Operation(summary = "Fleet health: node counts in total and by tier, status and version")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping("/api/v1/fleet/health")
  FleetHealth health() {
    return fleet.health();
  }
}
