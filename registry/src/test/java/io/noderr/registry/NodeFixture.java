package io.noderr.registry;

/**
 * A node as a test wants it in the table, with what a rollout looks at; {@link
 * RegistryDatabase#insertNodes} writes thousands in one statement.
 *
 * @param version null for a node that never reported
 * @param health HEALTHY, UNHEALTHY or null
 * @param attestation UNATTESTED, ATTESTED or FAILED
 */
public record NodeFixture(
    String id,
    String operatorId,
    Tier tier,
    String region,
    String status,
    String version,
    String health,
    String attestation) {

  /** An ACTIVE, HEALTHY, ATTESTED node running 1.0.0. */
  public static NodeFixture healthy(String id, String operatorId, Tier tier, String region) {
    return new NodeFixture(id, operatorId, tier, region, "ACTIVE", "1.0.0", "HEALTHY", "ATTESTED");
  }

  public NodeFixture withStatus(String status) {
    return new NodeFixture(id, operatorId, tier, region, status, version, health, attestation);
  }

  public NodeFixture withVersion(String version) {
    return new NodeFixture(id, operatorId, tier, region, status, version, health, attestation);
  }

  public NodeFixture withHealth(String health) {
    return new NodeFixture(id, operatorId, tier, region, status, version, health, attestation);
  }

  public NodeFixture withAttestation(String attestation) {
    return new NodeFixture(id, operatorId, tier, region, status, version, health, attestation);
  }
}
