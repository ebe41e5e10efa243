package io.noderr.activities.emergency;

import java.util.List;

/**
 * @param operator every node of this operator, when {@code nodeIds} is empty
 */
public record QuarantineRequest(
    String emergencyId, List<String> nodeIds, String operator, String actor, String reason) {
  public QuarantineRequest {
    nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
  }
}
