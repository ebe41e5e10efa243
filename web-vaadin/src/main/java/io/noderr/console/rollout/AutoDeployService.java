package io.noderr.console.rollout;

import io.noderr.http.TierNames;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import io.noderr.registry.autodeploy.AutoDeployPolicy;
import io.noderr.workflows.rollout.RolloutPreset;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Per-tier auto-deploy: when on, a release the beacon publishes for the tier starts a deployment
 * with the chosen preset by itself (the worker's auto-deployer does it). Admins set it, admins and
 * SREs read it; every change is audited. It adds no privilege: only what the signers published is
 * ever deployed, with or without it.
 */
@Service
public class AutoDeployService {

  private final AutoDeployPolicies policies;
  private final AuditLog audit;

  AutoDeployService(AutoDeployPolicies policies, AuditLog audit) {
    this.policies = policies;
    this.audit = audit;
  }

  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public List<AutoDeployPolicy> policies() {
    return policies.all();
  }

  /**
   * @throws InvalidDeploymentException for an unknown tier or preset (nothing changed)
   */
  @PreAuthorize("hasRole('ADMIN')")
  public AutoDeployPolicy set(String tier, boolean enabled, String preset, Authentication caller) {
    if (tier == null || !tier.matches(TierNames.PATTERN)) {
      throw new InvalidDeploymentException("tier: " + TierNames.MESSAGE);
    }
    String presetId = preset == null || preset.isBlank() ? RolloutPreset.CANARY.id() : preset;
    if (RolloutPreset.byId(presetId).isEmpty()) {
      throw new InvalidDeploymentException(
          "preset must be one of " + RolloutPreset.ids() + ", got '" + presetId + "'");
    }
    Tier which = Tier.valueOf(tier);
    policies.set(which, enabled, presetId, caller.getName());
    audit.append(
        caller.getName(),
        "auto-deploy.changed",
        "tier-" + tier,
        enabled ? "on, preset " + presetId : "off",
        null);
    return policies.of(which);
  }
}
