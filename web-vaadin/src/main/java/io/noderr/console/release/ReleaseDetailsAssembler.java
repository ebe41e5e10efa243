package io.noderr.console.release;

import io.noderr.registry.audit.AuditEntry;
import io.noderr.signing.Address;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import io.noderr.workflows.release.ReleaseProposal;
import io.noderr.workflows.release.ReleaseState;
import io.noderr.workflows.release.ReleaseState.CollectedSignature;
import io.noderr.workflows.release.ReleaseState.Declined;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns the workflow's state into what signers read: the typed data and summary are rebuilt here
 * from the signed fields with the same code the workflow's validator and the CLI use.
 */
@Component
class ReleaseDetailsAssembler {

  ReleaseDetails details(ReleaseState state, List<AuditEntry> audit) {
    ReleaseProposal p = state.proposal();
    Optional<Signed> signed = signed(state);
    return new ReleaseDetails(
        state.releaseId(),
        p.tier().name(),
        p.tier().code(),
        p.version(),
        p.imageDigest(),
        p.minimumVersion(),
        p.notesUri(),
        state.stage().name(),
        p.proposedBy(),
        Instant.ofEpochSecond(p.deadline()).toString(),
        p.deadline(),
        p.downgradeReason(),
        state.previousVersion(),
        state.backend() == null ? null : state.backend().name(),
        state.chainId(),
        state.multisig(),
        state.nonce(),
        state.threshold(),
        state.signers(),
        state.signatures().stream().map(CollectedSignature::signer).toList(),
        state.declines().stream().map(Declined::signer).toList(),
        state.digest(),
        signed.map(s -> s.action().typedData(s.domain())).orElse(Map.of()),
        signed.map(s -> s.action().summary(s.domain(), p.tier().name())).orElse(List.of()),
        state.transactionHash(),
        state.blockNumber(),
        state.reason(),
        state.thresholdReachedAtMillis(),
        state.recordedAtMillis(),
        audit);
  }

  /** The signed action, once the workflow has read the beacon (nonce and domain known). */
  Optional<Signed> signed(ReleaseState state) {
    if (state.nonce() == null || state.multisig() == null) {
      return Optional.empty();
    }
    ReleaseProposal p = state.proposal();
    return Optional.of(
        new Signed(
            new PublishAction(
                p.tier().code(),
                p.version(),
                ImageDigest.parse(p.imageDigest()),
                p.minimumVersion(),
                p.notesUri(),
                new BigInteger(state.nonce()),
                p.deadline()),
            new MultisigDomain(state.chainId(), Address.of(state.multisig()))));
  }

  record Signed(PublishAction action, MultisigDomain domain) {}
}
