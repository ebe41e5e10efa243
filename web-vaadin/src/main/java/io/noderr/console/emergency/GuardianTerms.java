package io.noderr.console.emergency;

import io.noderr.console.release.BeaconSettings;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.registry.release.LocalMultisig;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What pressing the red button does, said before anyone signs: the mandate and the threshold come
 * from the local multisig (its own changed threshold first, as the local beacon applies it); on a
 * chain they live in the contract, which the console does not read, so the text names them without
 * figures rather than guess.
 */
@Component
class GuardianTerms {

  private final BeaconSettings settings;
  private final LocalBeaconStore localBeacon;

  GuardianTerms(BeaconSettings settings, LocalBeaconStore localBeacon) {
    this.settings = settings;
    this.localBeacon = localBeacon;
  }

  String pauseConsequences(List<String> tiers) {
    String named = joined(tiers);
    return "Pauses every running deployment on "
        + named
        + ", refuses new ones, pauses "
        + named
        + " on the beacon; one guardian's signature acts at once, "
        + mandate()
        + ".";
  }

  private String mandate() {
    Integer threshold = settings.onChain() ? null : localThreshold();
    if (threshold == null) {
      return "for the multisig's guardian mandate unless its quorum ratifies";
    }
    return "for "
        + Mandates.span(settings.local().mandate())
        + " unless "
        + threshold
        + " signers ratify";
  }

  private Integer localThreshold() {
    LocalMultisig multisig = localBeacon.multisig();
    return multisig.changed() ? multisig.threshold() : settings.local().threshold();
  }

  /** "ORACLE", "ORACLE and GUARDIAN", "ALL, ORACLE and GUARDIAN". */
  private static String joined(List<String> tiers) {
    if (tiers.size() <= 1) {
      return String.join("", tiers);
    }
    return String.join(", ", tiers.subList(0, tiers.size() - 1))
        + " and "
        + tiers.get(tiers.size() - 1);
  }
}
