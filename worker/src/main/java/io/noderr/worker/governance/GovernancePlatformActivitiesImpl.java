package io.noderr.worker.governance;

import io.noderr.activities.governance.GovernancePlatformActivities;
import io.noderr.activities.governance.ParameterApplication;
import io.noderr.activities.governance.ParameterChanges;
import io.noderr.activities.governance.ParametersApplied;
import io.noderr.activities.governance.ProposalOnChain;
import io.noderr.activities.governance.ProposalProgress;
import io.noderr.activities.governance.ProposalRecorded;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import io.noderr.registry.autodeploy.AutoDeployPolicy;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.ProposalStatus;
import io.noderr.workflows.governance.ProposalWorkflow;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;

/**
 * The proposal workflow's platform steps. Applying a parameter means: the platform's copy in {@code
 * platform_parameters} (what stake enforcement, rollouts and the economics read), plus, for {@code
 * rollout.autoDeploy}, every tier's auto-deploy policy switched on (1) or off (0) with its preset
 * kept. Each application is audited with the actor {@code governance:proposal-<id>}.
 */
public class GovernancePlatformActivitiesImpl implements GovernancePlatformActivities {

  /** Parameters the platform applies, and where each takes effect. */
  static final List<String> APPLIED =
      List.of(
          "stake.minimum.all",
          "stake.minimum.oracle",
          "stake.minimum.guardian",
          "rollout.canaryPercent",
          "rollout.autoDeploy",
          "fees.protocolFeeBps");

  private final GovernanceParameters parameters;
  private final GovernanceProposals proposals;
  private final AutoDeployPolicies autoDeploy;
  private final AuditLog audit;

  public GovernancePlatformActivitiesImpl(
      GovernanceParameters parameters,
      GovernanceProposals proposals,
      AutoDeployPolicies autoDeploy,
      AuditLog audit) {
    this.parameters = parameters;
    this.proposals = proposals;
    this.autoDeploy = autoDeploy;
    this.audit = audit;
  }

  @Override
  @Transactional
  public ParametersApplied applyParameters(ParameterApplication application) {
    String actor = actor(application.proposalId());
    String workflowId = ProposalWorkflow.workflowId(application.proposalId());
    List<String> applied = new ArrayList<>();
    for (ParameterChanges.Change change : application.changes()) {
      if (!APPLIED.contains(change.name())) {
        continue; // on chain only (stake.unbondingSeconds is the staking contract's own)
      }
      String where = where(change.name(), change.newValue(), actor);
      String line = change.name() + " = " + change.newValue() + ": " + where;
      if (parameters.recordApplied(change.name(), change.newValue(), application.proposalId())) {
        audit.append(
            actor,
            "governance.parameter-applied",
            change.name(),
            change.oldValue() + " -> " + change.newValue() + "; " + where,
            workflowId);
      }
      applied.add(line);
    }
    return new ParametersApplied(applied);
  }

  /** Applies what lives outside {@code platform_parameters} and says where the value acts. */
  private String where(String name, String value, String actor) {
    return switch (name) {
      case "rollout.autoDeploy" -> {
        boolean enabled = new BigInteger(value).signum() > 0;
        for (AutoDeployPolicy policy : autoDeploy.all()) {
          autoDeploy.set(policy.tier(), enabled, policy.preset(), actor);
        }
        yield "auto-deploy " + (enabled ? "on" : "off") + " for every tier";
      }
      case "rollout.canaryPercent" -> "the first cohort of new rollouts, in percent";
      case "fees.protocolFeeBps" -> "the protocol fee, in basis points (economics)";
      default -> "the minimum stake of tier " + tierOf(name) + " (stake enforcement)";
    };
  }

  private static Tier tierOf(String name) {
    return Tier.valueOf(name.substring("stake.minimum.".length()).toUpperCase());
  }

  @Override
  public ProposalRecorded recordProposal(ProposalProgress progress) {
    ProposalOnChain chain = progress.chain();
    if (progress.state() != null && chain != null && chain.exists()) {
      proposals.recordConfirmed(
          progress.proposalId(),
          ProposalStatus.valueOf(progress.state()),
          new BigInteger(chain.forVotes()),
          new BigInteger(chain.againstVotes()),
          new BigInteger(chain.abstainVotes()),
          chain.quorumNeeded() == null ? null : new BigInteger(chain.quorumNeeded()),
          chain.eta() == 0 ? null : Instant.ofEpochSecond(chain.eta()));
    }
    String subject = ProposalWorkflow.workflowId(progress.proposalId());
    ProposalProgress.AuditStep step = progress.step();
    boolean recordedBefore =
        audit.recentFor(subject, 200).stream()
            .anyMatch(
                e ->
                    e.action().equals(step.action())
                        && e.actor().equals(step.actor())
                        && e.detail().equals(step.detail()));
    if (!recordedBefore) {
      audit.append(step.actor(), step.action(), subject, step.detail(), subject);
    }
    return new ProposalRecorded(progress.proposalId(), !recordedBefore);
  }

  static String actor(String proposalId) {
    return "governance:" + ProposalWorkflow.workflowId(proposalId);
  }
}
