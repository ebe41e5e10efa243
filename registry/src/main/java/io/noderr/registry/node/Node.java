package io.noderr.registry.node;

import io.noderr.registry.Tier;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A node as the registry knows it. Written through {@link NodeRepository} with optimistic locking
 * ({@code rowVersion}); the high-frequency liveness columns are written by {@link LivenessRegistry}
 * in bulk statements instead.
 */
@Table("nodes")
public record Node(
    @Id String id,
    String operatorId,
    Tier tier,
    String region,
    NodeStatus status,
    String version,
    String imageDigest,
    AttestationStatus attestationStatus,
    String health,
    Float cpuPercent,
    Float memoryPercent,
    Float diskPercent,
    Instant lastHeartbeat,
    Labels labels,
    Instant createdAt,
    @Version Long rowVersion) {

  /** A node that has just been admitted and has not reported yet. */
  public static Node admitted(
      String id, String operatorId, Tier tier, String region, Labels labels, Instant now) {
    return new Node(
        id,
        operatorId,
        tier,
        region,
        NodeStatus.ACTIVE,
        null,
        null,
        AttestationStatus.UNATTESTED,
        null,
        null,
        null,
        null,
        null,
        labels,
        now,
        null);
  }

  public Node withStatus(NodeStatus newStatus) {
    return new Node(
        id,
        operatorId,
        tier,
        region,
        newStatus,
        version,
        imageDigest,
        attestationStatus,
        health,
        cpuPercent,
        memoryPercent,
        diskPercent,
        lastHeartbeat,
        labels,
        createdAt,
        rowVersion);
  }
}
