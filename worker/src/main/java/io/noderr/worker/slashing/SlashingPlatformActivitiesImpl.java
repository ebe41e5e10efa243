package io.noderr.worker.slashing;

import io.noderr.activities.slashing.DisputeOpening;
import io.noderr.activities.slashing.DisputeProgress;
import io.noderr.activities.slashing.DisputeTerms;
import io.noderr.activities.slashing.RewardExclusionRequest;
import io.noderr.activities.slashing.SlashingFailures;
import io.noderr.activities.slashing.SlashingPlatformActivities;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceIdentities;
import io.noderr.registry.rewards.RewardExclusions;
import io.noderr.registry.slashing.DisputeOpened;
import io.noderr.registry.slashing.DisputeStep;
import io.noderr.registry.slashing.SlashingDisputes;
import io.noderr.registry.slashing.SlashingEvidence;
import io.noderr.signing.Address;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.workflows.slashing.SlashingDisputeWorkflow;
import io.noderr.workflows.slashing.SlashingPenalty;
import io.noderr.workflows.slashing.SlashingPenalty.Penalty;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;

/**
 * A dispute's platform steps: its terms from the chain, the governed parameters and the registry;
 * the reward exclusion; the read model with its audit, each idempotent.
 */
public class SlashingPlatformActivitiesImpl implements SlashingPlatformActivities {

  /** The reward exclusions' source for decisions made here. */
  static final String SOURCE = "slashing";

  private final GovernanceIdentities identities;
  private final SlashingSettings settings;
  private final ChainSlashing chain;
  private final ChainBeacon beacon;
  private final SlashingDisputes disputes;
  private final SlashingEvidence evidence;
  private final RewardExclusions exclusions;
  private final AuditLog audit;

  SlashingPlatformActivitiesImpl(
      GovernanceIdentities identities,
      SlashingSettings settings,
      ChainSlashing chain,
      ChainBeacon beacon,
      SlashingDisputes disputes,
      SlashingEvidence evidence,
      RewardExclusions exclusions,
      AuditLog audit) {
    this.identities = identities;
    this.settings = settings;
    this.chain = chain;
    this.beacon = beacon;
    this.disputes = disputes;
    this.evidence = evidence;
    this.exclusions = exclusions;
    this.audit = audit;
  }

  /**
   * The correlation counts the disputes of the cause in the window other than this one, plus this
   * one, so a retried open counts the same. The operator is told once, by the write that recorded
   * the dispute (audit under its address; the console's alert follows from the read model).
   */
  @Override
  @Transactional
  public DisputeTerms open(DisputeOpening opening) {
    Address operator =
        identities
            .signingAddressOfNode(opening.nodeId())
            .map(Address::of)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "node "
                            + opening.nodeId()
                            + " has no operator address (no approved application with a signing"
                            + " key): there is no stake to slash",
                        SlashingFailures.NOT_SLASHABLE));
    ChainTerms terms;
    try {
      terms = chain.terms(operator);
    } catch (IOException e) {
      throw SlashingChainActivitiesImpl.unreachable(beacon, e);
    }
    SlashingRules rules = settings.current();
    int correlated =
        disputes.countingSince(
                opening.cause().name(),
                Instant.now().minus(rules.correlationWindow()),
                opening.disputeId())
            + 1;
    int activeNodes = evidence.inServiceNodes();
    Penalty penalty =
        SlashingPenalty.of(
            terms.stake(),
            rules.minimumPenaltyBp(),
            rules.maximumPenaltyBp(),
            correlated,
            activeNodes);
    if (disputes.open(
        new DisputeOpened(
            opening.disputeId(),
            opening.nodeId(),
            operator.value(),
            opening.cause().name(),
            opening.evidence(),
            opening.openedBy(),
            penalty.amount(),
            penalty.basisPoints()))) {
      audit.append(
          opening.openedBy(),
          "slashing.dispute-opened",
          operator.value(),
          "dispute "
              + opening.disputeId()
              + " against node "
              + opening.nodeId()
              + " ("
              + opening.cause()
              + "): "
              + opening.evidence()
              + "; you may answer within "
              + rules.challengeWindow(),
          SlashingDisputeWorkflow.workflowId(opening.disputeId()));
    }
    return new DisputeTerms(
        operator.value(),
        terms.stake().toString(),
        terms.chainId(),
        terms.multisig(),
        terms.staking(),
        terms.signers(),
        terms.threshold(),
        rules.challengeWindow().toSeconds(),
        rules.decisionWindow().toSeconds(),
        rules.appealWindow().toSeconds(),
        rules.minimumPenaltyBp(),
        rules.maximumPenaltyBp(),
        correlated,
        activeNodes);
  }

  @Override
  public void excludeFromRewards(RewardExclusionRequest request) {
    exclusions.recordOnce(
        request.nodeId(), Instant.now(), request.reason(), SOURCE, request.disputeId());
  }

  /** The audit row is appended only by the write that moved the read model to its step. */
  @Override
  @Transactional
  public void recordProgress(DisputeProgress progress) {
    DisputeProgress.AuditStep step = progress.audit();
    String disputeId = progress.opening().disputeId();
    if (disputes.recordStep(step(progress))) {
      audit.append(
          step.actor(),
          step.action(),
          "dispute-" + disputeId,
          step.detail(),
          SlashingDisputeWorkflow.workflowId(disputeId));
    }
  }

  private static DisputeStep step(DisputeProgress progress) {
    DisputeOpening opening = progress.opening();
    return new DisputeStep(
        opening.disputeId(),
        opening.nodeId(),
        opening.cause().name(),
        opening.evidence(),
        opening.openedBy(),
        progress.stage(),
        progress.operator(),
        progress.penalty() == null ? null : new BigInteger(progress.penalty()),
        // The workflow sends 0 before the challenge window opens.
        progress.answerDeadlineMillis() == 0
            ? null
            : Instant.ofEpochMilli(progress.answerDeadlineMillis()),
        progress.answer(),
        progress.appeal(),
        progress.votes() == null ? List.of() : progress.votes(),
        progress.transactionHash(),
        progress.reason(),
        progress.audit().step());
  }
}
