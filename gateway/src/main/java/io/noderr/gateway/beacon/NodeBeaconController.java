package io.noderr.gateway.beacon;

import io.noderr.http.Params;
import io.noderr.registry.Tier;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEvents;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/beacon/{tier}}: the tier's current release as the platform's follower last
 * recorded it from the beacon. Nodes without an RPC endpoint of their own check digests against
 * this (a compromised platform could lie here, which is why ORACLE and GUARDIAN nodes read the
 * chain themselves outside the demo).
 */
@RestController
class NodeBeaconController {

  private final BeaconEvents beaconEvents;

  NodeBeaconController(BeaconEvents beaconEvents) {
    this.beaconEvents = beaconEvents;
  }

  /** What a node compares before installing. */
  record PublishedRelease(
      String tier, String version, String imageDigest, String minimumVersion, String publishedAt) {

    static PublishedRelease of(BeaconEventRow row) {
      return new PublishedRelease(
          row.tier().name(),
          row.version(),
          row.imageDigest(),
          row.minimumVersion(),
          row.publishedAt() == null ? null : row.publishedAt().toString());
    }
  }

  @GetMapping("/api/v1/beacon/{tier}")
  ResponseEntity<?> current(@PathVariable String tier) {
    Tier known = Params.requiredEnumValue("tier", tier, Tier.class);
    return beaconEvents
        .latestPublished(known)
        .<ResponseEntity<?>>map(row -> ResponseEntity.ok(PublishedRelease.of(row)))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(
                        ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND,
                            "nothing has been published for tier " + known + " yet")));
  }
}
