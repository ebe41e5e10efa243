package io.noderr.contracts.devchain;

import java.math.BigInteger;

/** One named parameter of NoderrParameters: its range and its value at deployment. */
public record ParameterDefinition(String name, BigInteger min, BigInteger max, BigInteger value) {

  public ParameterDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a parameter needs a name");
    }
    if (min.compareTo(max) > 0 || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + ": value " + value + " must lie within [" + min + ", " + max + "]");
    }
  }
}
