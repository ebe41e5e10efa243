package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.worker.alert.AlertProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The beacon follower has not moved its cursor for {@code beacon-stall-after}: published releases
 * and pauses may not be reaching the platform ({@code BeaconFollowerStalled}). Only beacons the
 * follower has read at least once have a cursor, so the local beacon never alerts.
 */
@Component
public class BeaconStalledRule implements AlertRule {

  static final String RULE = "BeaconFollowerStalled";

  private final AlertSignals signals;
  private final AlertProperties.Rules rules;
  private final Runbooks runbooks;

  BeaconStalledRule(AlertSignals signals, AlertProperties properties, Runbooks runbooks) {
    this.signals = signals;
    this.rules = properties.rules();
    this.runbooks = runbooks;
  }

  @Override
  public List<Finding> evaluate(Instant now) {
    Instant cutoff = now.minus(rules.beaconStallAfter());
    return signals.beaconCursors().stream()
        .filter(cursor -> cursor.updatedAt().isBefore(cutoff))
        .map(
            cursor ->
                new Finding(
                    RULE,
                    RULE + "/beacon=" + cursor.chainId() + ":" + cursor.beaconAddress(),
                    Severity.CRITICAL,
                    "the beacon follower is stuck at block "
                        + cursor.lastBlock()
                        + " of chain "
                        + cursor.chainId()
                        + " since "
                        + cursor.updatedAt(),
                    Map.of(
                        "chain", Long.toString(cursor.chainId()),
                        "beacon", cursor.beaconAddress()),
                    List.of(),
                    List.of(),
                    runbooks.of(RULE)))
        .toList();
  }
}
