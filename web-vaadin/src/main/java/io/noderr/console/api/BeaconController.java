package io.noderr.console.api;

import io.noderr.console.release.ReleaseService;
import io.noderr.registry.Tier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/beacon/{tier}}: the tier's current release as the platform last saw it on the
 * beacon. Nodes without an RPC endpoint of their own check digests against this.
 */
@RestController
class BeaconController {

  private final ReleaseService releases;

  BeaconController(ReleaseService releases) {
    this.releases = releases;
  }

  @GetMapping("/api/v1/beacon/{tier}")
  ResponseEntity<?> current(@PathVariable String tier) {
    Tier known = Params.requiredEnumValue("tier", tier, Tier.class);
    return releases
        .beacon(known)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(
                        ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND,
                            "nothing has been published for tier " + known + " yet")));
  }
}
