package io.noderr.console.api;

import io.noderr.console.sim.SimulatorService;
import io.noderr.console.sim.SimulatorService.SimulatorState;
import io.noderr.http.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/simulator}: the hosted simulated fleet's failure injection (404 when the platform
 * hosts none). {@code PUT /api/v1/simulator/release-faults {"spec": "1.6.0:unhealthy=30"}}; {@code
 * GET /api/v1/simulator/applied-updates}: what each node applied, for kill drills.
 */
@Tag(
    name = "Simulator",
    description =
        "The hosted simulated fleet's failure injection (404 when the platform hosts none)")
@RestController
class SimulatorController {

  private final SimulatorService simulator;

  SimulatorController(SimulatorService simulator) {
    this.simulator = simulator;
  }

  @Operation(summary = "The simulated fleet: nodes and failure settings")
  @ApiRoles({"ADMIN", "SRE"})
  @GetMapping("/api/v1/simulator")
  ResponseEntity<?> state() {
    return simulator
        .state()
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(SimulatorController::absent);
  }

  /** For kill drills: per node, the times each update id was applied (across restarts). */
  @Operation(summary = "Per simulated node, when each update was applied (for kill drills)")
  @ApiRoles({"ADMIN", "SRE"})
  @GetMapping("/api/v1/simulator/applied-updates")
  ResponseEntity<?> appliedUpdates() {
    return simulator
        .appliedUpdates()
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(SimulatorController::absent);
  }

  @Operation(summary = "Set the faults of simulated updates per release, e.g. 1.6.0:unhealthy=30")
  @ApiRoles("ADMIN")
  @PutMapping("/api/v1/simulator/release-faults")
  ResponseEntity<?> releaseFaults(@RequestBody @Valid Faults faults, Authentication caller) {
    if (!simulator.present()) {
      return absent();
    }
    try {
      SimulatorState state = simulator.applyReleaseFaults(faults.spec(), caller);
      return ResponseEntity.ok(state);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  record Faults(@NotBlank @Size(max = 500) String spec) {}

  private static ResponseEntity<?> absent() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "this platform hosts no simulated fleet"));
  }
}
