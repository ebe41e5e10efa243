package io.noderr.activities.governance;

import java.util.List;

/** What an execution changed in the parameter registry, in log order. */
public record ParameterChanges(String transactionHash, List<Change> changes) {

  public ParameterChanges {
    changes = List.copyOf(changes);
  }

  /** One {@code ParameterChanged}: values decimal. */
  public record Change(String name, String oldValue, String newValue) {}
}
