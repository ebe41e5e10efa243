package io.noderr.worker.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconRead;
import io.noderr.activities.emergency.BeaconTransaction;
import io.noderr.activities.emergency.CancelQueuedRequest;
import io.noderr.activities.emergency.ChangeSignersRequest;
import io.noderr.activities.emergency.EmergencyActivities;
import io.noderr.activities.emergency.EmergencyProgress;
import io.noderr.activities.emergency.EmergencyProgress.AcceptedSignature;
import io.noderr.activities.emergency.EmergencyRecorded;
import io.noderr.activities.emergency.EndQuarantine;
import io.noderr.activities.emergency.GuardianPauseExpiry;
import io.noderr.activities.emergency.GuardianPauseRequest;
import io.noderr.activities.emergency.HoldTiers;
import io.noderr.activities.emergency.PauseDeployments;
import io.noderr.activities.emergency.QuarantineRequest;
import io.noderr.activities.emergency.QuarantineResult;
import io.noderr.activities.emergency.ReleaseTiers;
import io.noderr.activities.emergency.TiersHeld;
import io.noderr.activities.emergency.TiersPausedRequest;
import io.noderr.activities.emergency.TiersReleased;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.emergency.Emergencies;
import io.noderr.registry.emergency.EmergencyQuarantines;
import io.noderr.registry.emergency.EmergencyRow;
import io.noderr.registry.emergency.TierHolds;
import io.noderr.registry.emergency.TierHolds.TierHold;
import io.noderr.worker.beacon.Beacon;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The emergency workflow's platform-side steps, on whichever beacon is configured. */
@Component
public class EmergencyActivitiesImpl implements EmergencyActivities {

  private final Beacon beacon;
  private final Emergencies emergencies;
  private final TierHolds holds;
  private final EmergencyQuarantines quarantines;
  private final DeploymentBrakes brakes;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final Counter quarantined;
  private final EmergencyMeters meters;

  EmergencyActivitiesImpl(
      Beacon beacon,
      Emergencies emergencies,
      TierHolds holds,
      EmergencyQuarantines quarantines,
      DeploymentBrakes brakes,
      AuditLog audit,
      ObjectMapper json,
      MeterRegistry registry,
      EmergencyMeters meters) {
    this.beacon = beacon;
    this.emergencies = emergencies;
    this.holds = holds;
    this.quarantines = quarantines;
    this.brakes = brakes;
    this.audit = audit;
    this.json = json;
    this.meters = meters;
    // The same series the gateway counts attestation quarantines in (GatewayMeters).
    this.quarantined =
        Counter.builder("noderr.node.quarantines")
            .description("Nodes put in quarantine, by what did it")
            .tag("source", "emergency")
            .register(registry);
  }

  @Override
  public BeaconEmergencyState readEmergencyBeacon(BeaconRead request) {
    return beacon.readEmergency();
  }

  @Override
  public BeaconTransaction guardianPause(GuardianPauseRequest request) {
    return beacon.guardianPause(request);
  }

  @Override
  public BeaconTransaction setTiersPaused(TiersPausedRequest request) {
    return beacon.setTiersPaused(request);
  }

  @Override
  public BeaconTransaction expireGuardianPause(GuardianPauseExpiry request) {
    return beacon.expireGuardianPause(request);
  }

  @Override
  public BeaconTransaction changeSigners(ChangeSignersRequest request) {
    return beacon.changeSigners(request);
  }

  @Override
  public BeaconTransaction cancelQueued(CancelQueuedRequest request) {
    return beacon.cancelQueued(request);
  }

  /**
   * The hold is written before the deployments are paused, so a deployment started meanwhile is
   * refused rather than missed; a retry pauses nothing twice (a paused rollout is not handing out).
   */
  @Override
  public TiersHeld holdTiers(HoldTiers request) {
    Instant expiresAt =
        request.expiresAt() == 0 ? null : Instant.ofEpochSecond(request.expiresAt());
    holds.hold(request.tiers(), request.emergencyId(), request.reason(), expiresAt, List.of());
    List<String> paused =
        brakes.pauseRunning(request.tiers(), null, request.actor(), request.reason());
    holds.hold(request.tiers(), request.emergencyId(), request.reason(), expiresAt, paused);
    audit.appendAll(
        request.actor(),
        "tier.held",
        request.tiers(),
        (expiresAt == null ? "until a RESUME" : "until " + expiresAt)
            + "; deployments paused: "
            + (paused.isEmpty() ? "none" : String.join(", ", paused)));
    return new TiersHeld(paused);
  }

  @Override
  public TiersReleased releaseTiers(ReleaseTiers request) {
    List<TierHold> lifted = holds.lift(request.tiers());
    Set<String> paused = new LinkedHashSet<>();
    lifted.forEach(hold -> paused.addAll(hold.pausedDeployments()));
    List<String> resumed = brakes.resume(paused, request.actor(), request.reason());
    List<String> tiers = lifted.stream().map(TierHold::tier).toList();
    if (!tiers.isEmpty()) {
      audit.appendAll(
          request.actor(),
          "tier.released",
          tiers,
          request.reason()
              + "; deployments resumed: "
              + (resumed.isEmpty() ? "none" : String.join(", ", resumed)));
    }
    return new TiersReleased(tiers, resumed);
  }

  @Override
  public TiersHeld pauseDeployments(PauseDeployments request) {
    return new TiersHeld(
        brakes.pauseRunning(request.tiers(), request.except(), request.actor(), request.reason()));
  }

  @Override
  public QuarantineResult quarantine(QuarantineRequest request) {
    int count =
        quarantines
            .quarantine(
                request.emergencyId(),
                request.nodeIds(),
                request.operator(),
                request.actor(),
                request.reason())
            .size();
    quarantined.increment(count);
    return new QuarantineResult(count);
  }

  @Override
  public QuarantineResult endQuarantine(EndQuarantine request) {
    return new QuarantineResult(
        quarantines.release(request.emergencyId(), request.actor(), request.reason()).size());
  }

  @Override
  @Transactional
  public EmergencyRecorded recordEmergency(EmergencyProgress progress) {
    EmergencyProgress.Step step = progress.step();
    boolean first = emergencies.apply(row(progress), step.sequence());
    if (first) {
      meters.step(progress.proposal().action().name(), step.action());
      audit.append(
          step.actor(),
          step.action(),
          progress.emergencyId(),
          step.detail(),
          progress.emergencyId());
    }
    return new EmergencyRecorded(progress.emergencyId(), first);
  }

  private EmergencyRow row(EmergencyProgress progress) {
    return new EmergencyRow(
        progress.emergencyId(),
        progress.proposal().action().name(),
        progress.stage(),
        progress.scope(),
        progress.proposal().reason(),
        progress.proposal().proposedBy(),
        Instant.ofEpochSecond(progress.proposal().deadline()),
        progress.required(),
        progress.signatures().stream().map(AcceptedSignature::signer).distinct().toList(),
        progress.mandateExpiresAt() == 0
            ? null
            : Instant.ofEpochSecond(progress.mandateExpiresAt()),
        progress.effects(),
        progress.reason(),
        write(progress.proposal()),
        write(progress.signatures()),
        progress.step().sequence(),
        null,
        null);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the emergency as JSON", e);
    }
  }
}
