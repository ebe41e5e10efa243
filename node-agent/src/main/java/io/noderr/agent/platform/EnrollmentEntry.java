package io.noderr.agent.platform;

import java.util.Map;

/** A node asking to be admitted (simulated fleets, development agents). */
public record EnrollmentEntry(
    String nodeId, String operator, String tier, String region, Map<String, String> labels) {}
