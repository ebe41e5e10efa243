package io.noderr.activities.governance;

import java.util.List;

public record ParameterApplication(String proposalId, List<ParameterChanges.Change> changes) {

  public ParameterApplication {
    changes = List.copyOf(changes);
  }
}
