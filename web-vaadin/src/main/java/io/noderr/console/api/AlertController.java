package io.noderr.console.api;

import io.noderr.console.alert.AlertDetail;
import io.noderr.console.alert.AlertService;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.SilenceRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alerts}: list and filter ({@code ?state=FIRING&severity=CRITICAL&rule=NodeOffline
 * &limit=50}), one alert with its deliveries, acknowledge ({@code POST /api/v1/alerts/7/ack
 * {"owner": "alice", "note": "on it"}}); silences under {@code /api/v1/alerts/silences} ({@code
 * POST {"matchers": {"node": "n-1"}, "duration": "PT2H", "reason": "disk swap"}}, {@code POST
 * /api/v1/alerts/silences/3/expire}). Reading: ADMIN, SRE, OPERATOR; acknowledging and silencing:
 * ADMIN and SRE.
 */
@Tag(name = "Alerts", description = "Alerts, their deliveries and acknowledgements; silences")
@RestController
class AlertController {

  private final AlertService alerts;

  AlertController(AlertService alerts) {
    this.alerts = alerts;
  }

  @Operation(summary = "List alerts, filtered by state, severity and rule")
  @ApiRoles(
      value = {"ADMIN", "SRE", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's nodes' alerts")
  @GetMapping("/api/v1/alerts")
  List<AlertRow> list(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String rule,
      @RequestParam(required = false) Integer limit) {
    return alerts.list(state, severity, rule, limit);
  }

  @Operation(summary = "One alert with its deliveries")
  @ApiRoles(
      value = {"ADMIN", "SRE", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's nodes' alerts")
  @GetMapping("/api/v1/alerts/{id}")
  AlertDetail one(@PathVariable long id) {
    return alerts.detail(id);
  }

  @Operation(summary = "Acknowledge an alert, with an owner and a note")
  @ApiRoles({"ADMIN", "SRE"})
  @PostMapping("/api/v1/alerts/{id}/ack")
  AlertRow acknowledge(
      @PathVariable long id, @RequestBody(required = false) @Valid Ack ack, Authentication caller) {
    Ack body = ack == null ? new Ack(null, null) : ack;
    return alerts.acknowledge(id, body.owner(), body.note(), caller);
  }

  @Operation(summary = "List silences")
  @ApiRoles({"ADMIN", "SRE", "OPERATOR"})
  @GetMapping("/api/v1/alerts/silences")
  List<SilenceRow> silences() {
    return alerts.silences();
  }

  @Operation(summary = "Silence alerts matching labels for a duration (201)")
  @ApiRoles({"ADMIN", "SRE"})
  @PostMapping("/api/v1/alerts/silences")
  @ResponseStatus(HttpStatus.CREATED)
  SilenceRow silence(@RequestBody @Valid Silence silence, Authentication caller) {
    return alerts.silence(silence.matchers(), silence.duration(), silence.reason(), caller);
  }

  @Operation(summary = "Expire a silence now")
  @ApiRoles({"ADMIN", "SRE"})
  @PostMapping("/api/v1/alerts/silences/{id}/expire")
  SilenceRow expire(@PathVariable long id, Authentication caller) {
    return alerts.expire(id, caller);
  }

  /**
   * @param owner who owns the alert; the caller when absent
   */
  record Ack(@Size(max = 80) String owner, @Size(max = 500) String note) {}

  /**
   * @param duration ISO-8601, e.g. {@code PT2H}
   */
  record Silence(
      @NotNull Map<String, String> matchers,
      @NotNull Duration duration,
      @NotNull @Size(max = 500) String reason) {}
}
