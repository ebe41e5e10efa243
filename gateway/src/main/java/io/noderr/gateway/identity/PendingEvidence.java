package io.noderr.gateway.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.activities.onboarding.NodeIdentity;

/** The verified identity a TPM registration keeps between its two round trips. */
record PendingEvidence(String tier, NodeIdentity identity) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static String toJson(PendingEvidence evidence) {
    try {
      return JSON.writeValueAsString(evidence);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static PendingEvidence fromJson(String json) {
    try {
      return JSON.readValue(json, PendingEvidence.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable pending registration", e);
    }
  }
}
