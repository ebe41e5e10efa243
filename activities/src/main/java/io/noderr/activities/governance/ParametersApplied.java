package io.noderr.activities.governance;

import java.util.List;

/**
 * @param applied one line per parameter the platform applied ({@code name = value: where})
 */
public record ParametersApplied(List<String> applied) {

  public ParametersApplied {
    applied = List.copyOf(applied);
  }
}
