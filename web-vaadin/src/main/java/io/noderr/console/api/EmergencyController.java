package io.noderr.console.api;

import io.noderr.console.emergency.EmergencyDetails;
import io.noderr.console.emergency.EmergencyForm;
import io.noderr.console.emergency.EmergencyNotFoundException;
import io.noderr.console.emergency.EmergencyService;
import io.noderr.console.emergency.EmergencySummary;
import io.noderr.console.release.SignatureForm;
import io.noderr.http.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/emergencies}: admins and signers propose (201 with what to sign), signers submit
 * signatures over the current request (a guardian's pauses at once), admins, SREs and signers read.
 */
@Tag(
    name = "Emergencies",
    description =
        "Emergency procedures: pause, resume, emergency rollback, quarantine, signer rotation")
@RestController
@RequestMapping("/api/v1/emergencies")
class EmergencyController {

  private static final Pattern EMERGENCY_ID = Pattern.compile("emergency-[0-9]{1,12}");

  private final EmergencyService emergencies;

  EmergencyController(EmergencyService emergencies) {
    this.emergencies = emergencies;
  }

  @Operation(summary = "Propose an emergency action (201 with what to sign)")
  @ApiRoles({"ADMIN", "SIGNER"})
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  EmergencyDetails propose(@Valid @RequestBody EmergencyForm form, Authentication caller) {
    return emergencies.propose(form, caller);
  }

  /** Newest first; {@code open=true} keeps those waiting for signatures or a mandate's end. */
  @Operation(summary = "List emergencies, newest first; open=true keeps those still waiting")
  @ApiRoles({"ADMIN", "SRE", "SIGNER"})
  @GetMapping
  EmergencyList list(
      @RequestParam(defaultValue = "false") String open,
      @RequestParam(defaultValue = "50") String limit) {
    return new EmergencyList(
        emergencies.list(Params.bool("open", open), Params.integer("limit", limit, 1, 500)));
  }

  @Operation(summary = "One emergency with its signatures and mandate")
  @ApiRoles({"ADMIN", "SRE", "SIGNER"})
  @GetMapping("/{id}")
  EmergencyDetails get(@PathVariable String id) {
    return emergencies.details(known(id));
  }

  @Operation(summary = "Submit a signer's signature of the current emergency request")
  @ApiRoles("SIGNER")
  @PostMapping("/{id}/signatures")
  EmergencyDetails sign(
      @PathVariable String id, @Valid @RequestBody SignatureForm form, Authentication caller) {
    return emergencies.sign(known(id), form, caller);
  }

  record EmergencyList(List<EmergencySummary> items) {}

  private static String known(String id) {
    if (!EMERGENCY_ID.matcher(id).matches()) {
      throw new EmergencyNotFoundException(id);
    }
    return id;
  }
}
