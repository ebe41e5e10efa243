package io.noderr.console.alert;

import io.noderr.console.security.Callers;
import io.noderr.console.security.Roles;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.alert.AlertDeliveries;
import io.noderr.registry.alert.AlertQuery;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.AlertSilences;
import io.noderr.registry.alert.AlertState;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.OpenAlerts;
import io.noderr.registry.alert.Severity;
import io.noderr.registry.alert.SilenceLimits;
import io.noderr.registry.alert.SilenceRow;
import io.noderr.registry.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Alerts for people: everyone who reads the fleet sees them; SREs and admins acknowledge them
 * (naming an owner) and silence them (matchers, a reason, a bounded duration). The worker's
 * evaluation does the rest: it lifts an acknowledgement when the alert changes and ends silences
 * that run out or match nothing. Every acknowledgement and silence is audited. An operator login
 * reads only the alerts about its own nodes, and no silences (their matchers name any node).
 */
@Service
public class AlertService {

  static final int MAX_TEXT = 500;
  static final int MAX_OWNER = 80;
  static final int MAX_MATCHERS = 10;
  private static final String LABEL = "[a-z_][a-z0-9_]{0,39}";
  private static final String VALUE = "[\\p{Alnum}._:/@-]{1,200}";

  private final Alerts alerts;
  private final AlertDeliveries deliveries;
  private final AlertSilences silences;
  private final SilenceLimits limits;
  private final AuditLog audit;
  private final Clock clock = Clock.systemUTC();

  AlertService(
      Alerts alerts,
      AlertDeliveries deliveries,
      AlertSilences silences,
      SilenceLimits limits,
      AuditLog audit) {
    this.alerts = alerts;
    this.deliveries = deliveries;
    this.silences = silences;
    this.limits = limits;
    this.audit = audit;
  }

  /**
   * @param state FIRING or RESOLVED; null for both
   * @param severity INFO, WARNING or CRITICAL; null for all
   * @param rule an alert name; null for all
   * @param limit 1..500; null for 100
   */
  @PreAuthorize(Roles.CAN_READ_FLEET)
  public List<AlertRow> list(String state, String severity, String rule, Integer limit) {
    int rows = limit == null ? 100 : limit;
    if (rows < 1 || rows > AlertQuery.MAX_LIMIT) {
      throw new InvalidAlertRequestException("limit must be between 1 and " + AlertQuery.MAX_LIMIT);
    }
    if (rule != null && !rule.matches("[A-Za-z]{1,60}")) {
      throw new InvalidAlertRequestException("rule must be an alert name such as NodeOffline");
    }
    return alerts.search(
        new AlertQuery(
            parse(AlertState.class, "state", state),
            parse(Severity.class, "severity", severity),
            rule,
            rows),
        Callers.scope());
  }

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public AlertDetail detail(long id) {
    AlertRow alert =
        alerts
            .find(id, Callers.scope())
            .orElseThrow(() -> new AlertNotFoundException("alert " + id));
    return new AlertDetail(alert, deliveries.of(id));
  }

  /** Firing alerts by severity, for the dashboard's card (every signed-in person sees totals). */
  @PreAuthorize(Roles.CAN_SEE_TOTALS)
  public OpenAlerts open() {
    return alerts.open(Callers.scope());
  }

  /**
   * Names an owner for a firing alert; escalation stops until the alert changes.
   *
   * @param owner who owns it; null or blank for the caller
   * @throws AlertConflictException when the alert is resolved
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public AlertRow acknowledge(long id, String owner, String note, Authentication caller) {
    String who = owner == null || owner.isBlank() ? caller.getName() : owner.strip();
    if (who.length() > MAX_OWNER || who.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidAlertRequestException("owner must be at most " + MAX_OWNER + " characters");
    }
    String text = note == null ? null : note.strip();
    if (text != null && text.length() > MAX_TEXT) {
      throw new InvalidAlertRequestException("note must be at most " + MAX_TEXT + " characters");
    }
    AlertRow alert = alerts.find(id).orElseThrow(() -> new AlertNotFoundException("alert " + id));
    if (!alerts.acknowledge(id, who, text, clock.instant())) {
      throw new AlertConflictException("alert " + id + " is " + alert.state() + ", not firing");
    }
    audit.append(
        caller.getName(),
        "alert.acknowledged",
        "alert-" + id,
        "owner " + who + (text == null || text.isEmpty() ? "" : ": " + text),
        null);
    return alerts.find(id).orElseThrow();
  }

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public List<SilenceRow> silences() {
    return Callers.scope() instanceof OperatorScope.All ? silences.recent(100) : List.of();
  }

  /**
   * Silences the alerts whose labels hold every matcher, from now for {@code duration}.
   *
   * @throws InvalidAlertRequestException for no or malformed matchers, a duration that is not
   *     positive or above {@code noderr.alerts.silences.max-duration}, or a missing reason
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public SilenceRow silence(
      Map<String, String> matchers, Duration duration, String reason, Authentication caller) {
    if (matchers == null || matchers.isEmpty() || matchers.size() > MAX_MATCHERS) {
      throw new InvalidAlertRequestException(
          "matchers: give 1 to " + MAX_MATCHERS + " label=value pairs, e.g. {\"node\": \"n-1\"}");
    }
    Map<String, String> checked = new TreeMap<>();
    matchers.forEach(
        (label, value) -> {
          if (label == null || !label.matches(LABEL)) {
            throw new InvalidAlertRequestException(
                "matchers: label '" + label + "' must be lower-case letters, digits or _");
          }
          if (value == null || !value.matches(VALUE)) {
            throw new InvalidAlertRequestException(
                "matchers: value of " + label + " must be 1-200 letters, digits or ._:/@-");
          }
          checked.put(label, value);
        });
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new InvalidAlertRequestException("duration must be positive, e.g. PT2H");
    }
    if (duration.compareTo(limits.maxDuration()) > 0) {
      throw new InvalidAlertRequestException(
          "duration must be at most "
              + limits.maxDuration()
              + " (noderr.alerts.silences.max-duration)");
    }
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > MAX_TEXT) {
      throw new InvalidAlertRequestException(
          "reason: say why, in at most " + MAX_TEXT + " characters");
    }
    Instant now = clock.instant();
    SilenceRow silence = silences.create(checked, why, caller.getName(), now, now.plus(duration));
    audit.append(
        caller.getName(),
        "alert.silence-created",
        silence.name(),
        checked + " for " + duration + ": " + why,
        null);
    return silence;
  }

  /** Ends a silence now. */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public SilenceRow expire(long id, Authentication caller) {
    silences.find(id).orElseThrow(() -> new AlertNotFoundException("silence " + id));
    if (!silences.expire(id, clock.instant(), "expired by " + caller.getName())) {
      throw new AlertConflictException("silence " + id + " has already ended");
    }
    audit.append(caller.getName(), "alert.silence-expired", "silence-" + id, "by hand", null);
    return silences.find(id).orElseThrow();
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidAlertRequestException(
          field
              + " must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
    }
  }
}
