package io.noderr.worker.alert;

import io.noderr.activities.alert.AlertEvaluation;
import io.noderr.registry.alert.AlertDeliveries;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.AlertSilences;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.DeliveryKind;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.SilenceLimits;
import io.noderr.registry.alert.SilenceRow;
import io.noderr.registry.audit.AuditLog;
import io.noderr.worker.alert.rules.AlertRule;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reconciles what the rules find with the incidents on record, in one transaction per round:
 *
 * <ul>
 *   <li>a finding with no firing incident opens one (dedup: the fingerprint's unique index keeps it
 *       to one per incident);
 *   <li>a finding that describes its incident differently (severity, labels, nodes, recipients)
 *       changes it and lifts the acknowledgement: the owner acknowledged something else;
 *   <li>a firing incident no rule finds any more is resolved, and its resolution goes to whoever
 *       was told it fired — or, when a silence kept it quiet the whole time, to the first step of
 *       its route, so nobody is left believing it still fires;
 *   <li>silences and the running rollouts' waves suppress notifications, never the incident;
 *       silences that matched nothing for {@code idle-expiry} end.
 * </ul>
 *
 * Every transition is audited ({@code alert.*}, subject {@code alert-<id>}).
 */
@Component
class AlertBook {

  private static final Logger log = LoggerFactory.getLogger(AlertBook.class);

  private final List<AlertRule> rules;
  private final Alerts alerts;
  private final AlertSilences silences;
  private final AlertDeliveries deliveries;
  private final RolloutWaves waves;
  private final AlertRoutes routes;
  private final SilenceLimits limits;
  private final AuditLog audit;

  AlertBook(
      List<AlertRule> rules,
      Alerts alerts,
      AlertSilences silences,
      AlertDeliveries deliveries,
      RolloutWaves waves,
      AlertRoutes routes,
      SilenceLimits limits,
      AuditLog audit) {
    this.rules = rules;
    this.alerts = alerts;
    this.silences = silences;
    this.deliveries = deliveries;
    this.waves = waves;
    this.routes = routes;
    this.limits = limits;
    this.audit = audit;
  }

  @Transactional
  public AlertEvaluation evaluate(Instant now) {
    Map<String, Finding> findings = new LinkedHashMap<>();
    for (AlertRule rule : rules) {
      rule.evaluate(now).forEach(f -> findings.putIfAbsent(f.fingerprint(), f));
    }
    List<SilenceRow> active = silences.live(now).stream().filter(s -> s.activeAt(now)).toList();
    Map<String, String> wave = waves.silencedNodes(now);
    Map<String, AlertRow> firing =
        alerts.firing().stream()
            .collect(Collectors.toMap(AlertRow::fingerprint, Function.identity()));

    int opened = 0;
    int changed = 0;
    int silenced = 0;
    Set<Long> matchedSilences = new HashSet<>();
    for (Finding finding : findings.values()) {
      SilenceRow silence =
          active.stream().filter(s -> s.matches(finding.labels())).findFirst().orElse(null);
      String silencedBy = silence != null ? silence.name() : waveOf(finding, wave);
      active.stream()
          .filter(s -> s.matches(finding.labels()))
          .forEach(s -> matchedSilences.add(s.id()));
      if (silencedBy != null) {
        silenced++;
      }
      AlertRow existing = firing.remove(finding.fingerprint());
      if (existing == null) {
        open(finding, silencedBy, now);
        opened++;
      } else if (update(existing, finding, silencedBy, now)) {
        changed++;
      }
    }
    for (AlertRow gone : firing.values()) {
      resolve(gone, now);
    }
    int expired = expireSilences(active, matchedSilences, now);
    return new AlertEvaluation(findings.size(), opened, changed, firing.size(), silenced, expired);
  }

  private void open(Finding finding, String silencedBy, Instant now) {
    AlertRow row = alerts.open(finding, now, silencedBy);
    audit.append(
        AuditLog.SYSTEM,
        "alert.opened",
        subject(row),
        finding.severity()
            + " "
            + finding.summary()
            + (silencedBy == null ? "" : " (silenced by " + silencedBy + ")"),
        null);
    if (silencedBy == null) {
      announce(row, now);
    }
  }

  /**
   * @return whether the incident changed
   */
  private boolean update(AlertRow existing, Finding finding, String silencedBy, Instant now) {
    boolean differs = finding.differsFrom(existing);
    if (differs) {
      alerts.changed(existing.id(), finding, now);
      audit.append(
          AuditLog.SYSTEM,
          "alert.changed",
          subject(existing),
          finding.severity()
              + " "
              + finding.summary()
              + (existing.acknowledged()
                  ? "; acknowledgement by " + existing.ackedBy() + " lifted"
                  : ""),
          null);
    } else {
      alerts.seen(existing.id(), finding.summary(), now);
    }
    if (!Objects.equals(silencedBy, existing.silencedBy())) {
      alerts.silencedBy(existing.id(), silencedBy);
      audit.append(
          AuditLog.SYSTEM,
          silencedBy == null ? "alert.unsilenced" : "alert.silenced",
          subject(existing),
          silencedBy == null ? "was " + existing.silencedBy() : silencedBy,
          null);
    }
    if (silencedBy == null) {
      if (!existing.announced()) {
        announce(existing, now);
      } else if (differs) {
        // Everyone told so far hears of the change: the route up to the step it escalated to.
        queue(
            existing.id(),
            routes.upTo(finding.recipients(), existing.escalationLevel()),
            DeliveryKind.CHANGED,
            now);
      }
    }
    return differs;
  }

  private void resolve(AlertRow row, Instant now) {
    alerts.resolve(row.id(), now);
    List<String> told = deliveries.channelsTold(row.id());
    List<String> to = told.isEmpty() ? routes.step(row.recipients(), 0) : told;
    audit.append(
        AuditLog.SYSTEM,
        "alert.resolved",
        subject(row),
        row.summary() + (row.announced() ? "" : " (was silenced by " + row.silencedBy() + ")"),
        null);
    queue(row.id(), to, DeliveryKind.RESOLVED, now);
  }

  private void announce(AlertRow row, Instant now) {
    alerts.announced(row.id(), now);
    queue(row.id(), routes.step(row.recipients(), 0), DeliveryKind.FIRING, now);
  }

  private void queue(long alertId, List<String> channels, DeliveryKind kind, Instant now) {
    if (channels.isEmpty()) {
      log.warn("alert {} ({}) has no configured channel to go to", alertId, kind);
    }
    for (String channel : channels) {
      deliveries.queue(alertId, channel, kind, now);
    }
  }

  private int expireSilences(List<SilenceRow> active, Set<Long> matched, Instant now) {
    int expired = 0;
    for (SilenceRow silence : active) {
      if (matched.contains(silence.id())) {
        silences.matched(silence.id(), now);
        continue;
      }
      Instant idleSince =
          silence.lastMatchedAt() == null ? silence.startsAt() : silence.lastMatchedAt();
      if (!now.isBefore(idleSince.plus(limits.idleExpiry()))
          && silences.expire(silence.id(), now, "matched nothing for " + limits.idleExpiry())) {
        audit.append(
            AuditLog.SYSTEM,
            "alert.silence-expired",
            silence.name(),
            "matched nothing for " + limits.idleExpiry(),
            null);
        expired++;
      }
    }
    return expired;
  }

  /** A rollout wave silences a finding only when every node it names is in the wave. */
  private static String waveOf(Finding finding, Map<String, String> wave) {
    if (finding.nodes().isEmpty() || !finding.nodes().stream().allMatch(wave::containsKey)) {
      return null;
    }
    return wave.get(finding.nodes().getFirst());
  }

  static String subject(AlertRow row) {
    return "alert-" + row.id();
  }
}
