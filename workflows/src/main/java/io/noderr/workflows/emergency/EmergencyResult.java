package io.noderr.workflows.emergency;

import java.util.List;

public record EmergencyResult(
    String id, EmergencyStage stage, List<String> effects, String reason) {
  public EmergencyResult {
    effects = List.copyOf(effects);
  }
}
