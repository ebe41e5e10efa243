package io.noderr.workflows.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * A rollout's input (with its checkpoint) as the JSON the registry stores for a restart. Temporal's
 * own object mapper: whatever a workflow history can carry, the checkpoint can.
 */
public final class RolloutInputJson {

  /** Configured once and never changed: Jackson mappers are safe to share between threads. */
  private static final ObjectMapper JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private RolloutInputJson() {}

  public static String write(RolloutInput input) {
    try {
      return JSON.writeValueAsString(input);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a rollout input that Temporal could carry must serialize", e);
    }
  }

  /**
   * @throws IllegalArgumentException when {@code json} is not a rollout input
   */
  public static RolloutInput read(String json) {
    try {
      return JSON.readValue(json, RolloutInput.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a stored rollout input: " + e.getOriginalMessage());
    }
  }
}
