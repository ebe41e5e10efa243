package io.noderr.registry.node;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.TreeMap;

/** Free-form key/value labels of a node, stored as JSONB. */
public record Labels(@JsonValue Map<String, String> values) {

  public Labels {
    values = values == null ? Map.of() : Map.copyOf(new TreeMap<>(values));
  }

  public static Labels of(Map<String, String> values) {
    return new Labels(values);
  }

  public static Labels none() {
    return new Labels(Map.of());
  }
}
