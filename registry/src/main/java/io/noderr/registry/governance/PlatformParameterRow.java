package io.noderr.registry.governance;

import java.time.Instant;

/** A governance parameter as the platform applied it, and the proposal whose execution did. */
public record PlatformParameterRow(
    String name, String value, Instant appliedAt, String proposalId) {}
