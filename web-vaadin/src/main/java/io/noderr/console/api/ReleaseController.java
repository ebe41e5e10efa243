package io.noderr.console.api;

import io.noderr.console.release.BeaconView;
import io.noderr.console.release.DeclineForm;
import io.noderr.console.release.ReleaseDetails;
import io.noderr.console.release.ReleaseForm;
import io.noderr.console.release.ReleaseNotFoundException;
import io.noderr.console.release.ReleaseService;
import io.noderr.console.release.ReleaseSummary;
import io.noderr.console.release.SignatureForm;
import io.noderr.http.Params;
import io.noderr.registry.Tier;
import io.noderr.registry.release.ReleasePage;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.workflows.release.ReleaseStage;
import io.noderr.workflows.release.SignatureAccepted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/releases}: admins propose and withdraw releases; signers fetch what to sign and
 * submit signatures or signed refusals; admins, SREs and signers read.
 */
@Tag(
    name = "Releases",
    description =
        "Release requests to the version beacon: admins propose and withdraw, signers sign or decline")
@RestController
@RequestMapping("/api/v1/releases")
class ReleaseController {

  /** release-<tier>-<semver>; anything else cannot name a request. */
  private static final Pattern RELEASE_ID =
      Pattern.compile("release-(ALL|ORACLE|GUARDIAN)-[0-9A-Za-z.+-]{5,64}");

  private final ReleaseService releases;

  ReleaseController(ReleaseService releases) {
    this.releases = releases;
  }

  /** 201 with the typed data to sign. */
  @Operation(summary = "Propose a release (201 with the typed data to sign)")
  @ApiRoles("ADMIN")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ReleaseDetails propose(@Valid @RequestBody ReleaseForm form, Authentication caller) {
    return releases.propose(form, caller);
  }

  @Operation(summary = "List release requests, filtered by status and paged")
  @ApiRoles({"ADMIN", "SRE", "SIGNER"})
  @GetMapping
  ReleaseList list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "50") String size) {
    ReleaseStage stage = Params.enumValue("status", status, ReleaseStage.class);
    ReleasePage found =
        releases.list(
            stage == null ? null : stage.name(),
            Params.integer("page", page, 0, 1_000_000),
            Params.integer("size", size, 1, 500));
    return new ReleaseList(
        found.rows().stream().map(ReleaseController::summary).toList(), found.total());
  }

  /** The tier's current release as the beacon follower last recorded it; 404 before any. */
  @Operation(
      summary =
          "The tier's current release as the beacon follower last recorded it (404 before any)")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping("/published/{tier}")
  BeaconView published(@PathVariable String tier) {
    return releases.published(Params.requiredEnumValue("tier", tier, Tier.class));
  }

  @Operation(summary = "One release request with its signatures")
  @ApiRoles({"ADMIN", "SRE", "SIGNER"})
  @GetMapping("/{id}")
  ReleaseDetails get(@PathVariable String id) {
    return releases.details(known(id));
  }

  @Operation(summary = "Submit a signer's EIP-712 signature of a release request")
  @ApiRoles("SIGNER")
  @PostMapping("/{id}/signatures")
  SignatureAccepted sign(
      @PathVariable String id, @Valid @RequestBody SignatureForm form, Authentication caller) {
    return releases.sign(known(id), form, caller);
  }

  @Operation(summary = "Submit a signer's signed refusal of a release request")
  @ApiRoles("SIGNER")
  @PostMapping("/{id}/declines")
  SignatureAccepted decline(
      @PathVariable String id, @Valid @RequestBody DeclineForm form, Authentication caller) {
    return releases.decline(known(id), form, caller);
  }

  @Operation(summary = "Withdraw a release request with a reason")
  @ApiRoles("ADMIN")
  @PostMapping("/{id}/withdraw")
  ReleaseDetails withdraw(
      @PathVariable String id, @Valid @RequestBody Withdrawal withdrawal, Authentication caller) {
    return releases.withdraw(known(id), withdrawal.reason(), caller);
  }

  record Withdrawal(@NotBlank @Size(max = 500) String reason) {}

  record ReleaseList(List<ReleaseSummary> items, long total) {}

  private static ReleaseSummary summary(ReleaseRow row) {
    return new ReleaseSummary(
        row.id(),
        row.tier().name(),
        row.version(),
        row.imageDigest(),
        row.status(),
        row.proposedBy(),
        row.deadline().toString(),
        row.signedBy().size(),
        row.threshold(),
        row.transactionHash(),
        row.reason());
  }

  private static String known(String id) {
    if (!RELEASE_ID.matcher(id).matches()) {
      throw new ReleaseNotFoundException(id);
    }
    return id;
  }
}
