package io.noderr.console.release;

import io.noderr.activities.release.BeaconTier;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.registry.release.ReleaseTerms;
import io.noderr.registry.release.StoredRelease;
import io.noderr.workflows.release.ReleaseProposal;
import io.noderr.workflows.release.ReleaseStage;
import io.noderr.workflows.release.ReleaseState;
import io.noderr.workflows.release.ReleaseState.CollectedSignature;
import io.noderr.workflows.release.ReleaseState.Declined;
import java.util.List;

/**
 * A release request as the read model keeps it, for when its workflow cannot answer (the embedded
 * Temporal server keeps no history across restarts): the proposal, the accepted signatures and the
 * outcome, without what only the workflow knew (the beacon as it read it, decline reasons).
 */
final class ReleaseReadModel {

  private ReleaseReadModel() {}

  static ReleaseState state(StoredRelease stored) {
    ReleaseRow row = stored.row();
    ReleaseTerms terms = stored.terms();
    ReleaseStage stage = ReleaseStage.valueOf(row.status());
    String reason =
        stage.isFinal()
            ? row.reason()
            : "Temporal no longer knows this request's workflow (the embedded server restarted)"
                + " and it was not started again; last recorded as "
                + row.status().toLowerCase().replace('_', ' ');
    return new ReleaseState(
        row.id(),
        stage,
        new ReleaseProposal(
            BeaconTier.valueOf(row.tier().name()),
            row.version(),
            row.imageDigest(),
            terms.minimumVersion(),
            terms.notesUri(),
            row.deadline().getEpochSecond(),
            row.proposedBy(),
            terms.downgradeReason()),
        null,
        0,
        null,
        terms.nonce(),
        null,
        List.of(),
        row.threshold(),
        terms.signatures().stream()
            .map(
                s ->
                    new CollectedSignature(
                        s.signer(), s.signature(), s.submittedBy(), s.signedAt().toEpochMilli()))
            .toList(),
        row.declinedBy().stream().map(signer -> new Declined(signer, null, null, 0)).toList(),
        "",
        row.transactionHash(),
        0,
        reason,
        0,
        0);
  }
}
