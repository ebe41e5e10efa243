package io.noderr.workflows.emergency;

import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.activities.emergency.EmergencyProposal.QueuedOperation;
import io.noderr.signing.Address;
import io.noderr.signing.CancelQueuedAction;
import io.noderr.signing.ChangeSignersAction;
import io.noderr.signing.EmergencyApproval;
import io.noderr.signing.GuardianPauseAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PauseTiersAction;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The requests signers sign, per action: on-chain multisig actions where the beacon carries the
 * action out (pause, resume, signer rotation, the veto of a queued governance proposal), an
 * off-chain {@link EmergencyApproval} where the platform does (rollback, quarantine). Pure
 * functions of the proposal and the beacon state read.
 */
final class EmergencyRequests {

  private EmergencyRequests() {}

  /** The signatures that make the emergency act. */
  static SigningRequest act(
      String id,
      EmergencyProposal p,
      String scope,
      BeaconEmergencyState beacon,
      MultisigDomain domain) {
    long mask = EmergencyScope.tierMask(p.tiers());
    BigInteger nonce = new BigInteger(beacon.nonce());
    int threshold = beacon.threshold();
    return switch (p.action()) {
      case PAUSE -> {
        GuardianPauseAction action = new GuardianPauseAction(mask, nonce, p.deadline());
        yield request(
            SigningRequest.ACT,
            "GuardianPause",
            action.digest(domain),
            action.typedData(domain),
            beacon.guardians(),
            1,
            List.of(
                "PAUSE tiers " + String.join(", ", p.tiers()) + " on the beacon, now",
                "as one guardian: ends by itself after "
                    + beacon.mandateSeconds() / 3600
                    + " h unless "
                    + threshold
                    + " signers ratify",
                "reason            " + p.reason()),
            nonce,
            domain);
      }
      case RESUME -> {
        PauseTiersAction action = new PauseTiersAction(mask, false, nonce, p.deadline());
        int required = Math.max(threshold, Math.min(2, beacon.signers().size()));
        yield request(
            SigningRequest.ACT,
            "PauseTiers",
            action.digest(domain),
            action.typedData(domain),
            beacon.signers(),
            required,
            List.of(
                "RESUME tiers " + String.join(", ", p.tiers()) + " (unpause on the beacon)",
                "needs " + required + " signers (never one alone)",
                "reason            " + p.reason()),
            nonce,
            domain);
      }
      case ROTATE_SIGNERS -> {
        ChangeSignersAction action =
            new ChangeSignersAction(
                p.newSigners().stream().map(Address::of).toList(),
                p.newThreshold(),
                nonce,
                p.deadline());
        yield request(
            SigningRequest.ACT,
            "ChangeSigners",
            action.digest(domain),
            action.typedData(domain),
            beacon.signers(),
            beacon.signers().size(),
            List.of(
                "REPLACE the signer set with "
                    + p.newSigners().stream().map(s -> Address.of(s).checksummed()).toList(),
                "new threshold     " + p.newThreshold() + " of " + p.newSigners().size(),
                "needs every current signer (" + beacon.signers().size() + ")",
                "reason            " + p.reason()),
            nonce,
            domain);
      }
      case VETO_PROPOSAL -> {
        QueuedOperation queued = p.queued();
        CancelQueuedAction action =
            new CancelQueuedAction(
                Address.of(queued.timelock()),
                HexFormat.of().parseHex(queued.operationId().substring(2)),
                nonce,
                p.deadline());
        int required = Math.max(threshold, Math.min(2, beacon.signers().size()));
        List<String> lines = new ArrayList<>();
        lines.add(
            "VETO governance proposal " + p.governanceProposal() + ": " + queued.description());
        queued.changes().forEach(change -> lines.add("it would change   " + change));
        lines.add("queued on timelock " + Address.of(queued.timelock()).checksummed());
        lines.add("operation         " + queued.operationId());
        lines.add("would execute at  " + Instant.ofEpochSecond(queued.eta()));
        lines.add("cancels it: the proposal never executes");
        lines.add("needs " + required + " signers (never one guardian alone)");
        lines.add("reason            " + p.reason());
        yield request(
            SigningRequest.ACT,
            "CancelQueued",
            action.digest(domain),
            action.typedData(domain),
            beacon.signers(),
            required,
            lines,
            nonce,
            domain);
      }
      case EMERGENCY_ROLLBACK, QUARANTINE -> {
        EmergencyApproval approval =
            new EmergencyApproval(id, p.action().name(), scope, p.reason(), p.deadline());
        yield request(
            SigningRequest.ACT,
            "Emergency",
            approval.digest(domain),
            approval.typedData(domain),
            beacon.signers(),
            threshold,
            List.of(
                "APPROVE " + p.action() + " (" + id + ")",
                "acts on           " + scope,
                "reason            " + p.reason(),
                "valid until       " + Instant.ofEpochSecond(p.deadline())),
            nonce,
            domain);
      }
    };
  }

  /**
   * What the quorum signs to ratify a guardian's mandate: for a PAUSE the multisig's quorum pause
   * (with the nonce after the guardian's), for a QUARANTINE the same approval as before.
   */
  static SigningRequest ratify(
      String id,
      EmergencyProposal p,
      String scope,
      BeaconEmergencyState beacon,
      MultisigDomain domain,
      long mandateExpiresAt,
      SigningRequest acted) {
    return switch (p.action()) {
      case PAUSE -> {
        BigInteger nonce = new BigInteger(beacon.nonce());
        PauseTiersAction action =
            new PauseTiersAction(EmergencyScope.tierMask(p.tiers()), true, nonce, mandateExpiresAt);
        yield request(
            SigningRequest.RATIFY,
            "PauseTiers",
            action.digest(domain),
            action.typedData(domain),
            beacon.signers(),
            beacon.threshold(),
            List.of(
                "RATIFY the guardian's pause of " + String.join(", ", p.tiers()),
                "the pause then stays until a RESUME",
                "due by            " + Instant.ofEpochSecond(mandateExpiresAt),
                "reason            " + p.reason()),
            nonce,
            domain);
      }
      default ->
          new SigningRequest(
              SigningRequest.RATIFY,
              acted.primaryType(),
              acted.digest(),
              acted.typedData(),
              beacon.signers(),
              beacon.threshold(),
              acted.summary());
    };
  }

  private static SigningRequest request(
      String kind,
      String primaryType,
      byte[] digest,
      Map<String, Object> typedData,
      List<String> eligible,
      int required,
      List<String> summary,
      BigInteger nonce,
      MultisigDomain domain) {
    List<String> lines = new ArrayList<>(summary);
    lines.add("multisig nonce    " + nonce);
    lines.add("chain id          " + domain.chainId());
    lines.add("multisig contract " + domain.verifyingContract().checksummed());
    return new SigningRequest(
        kind,
        primaryType,
        "0x" + HexFormat.of().formatHex(digest),
        typedData,
        eligible,
        required,
        lines);
  }
}
