package io.noderr.registry.rewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** The {@code reward_epochs.parameters} JSONB: a flat object of governed names to decimals. */
final class ParametersJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ParametersJson() {}

  static String write(Map<String, String> parameters) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(parameters));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("parameters cannot be written as JSON", e);
    }
  }

  static Map<String, String> read(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored reward parameters are not a JSON object: " + json, e);
    }
  }
}
