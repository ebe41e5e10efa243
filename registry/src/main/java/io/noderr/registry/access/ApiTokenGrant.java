package io.noderr.registry.access;

import java.time.Instant;
import java.util.List;

/** What a presented, live API token grants: its owner and roles. */
public record ApiTokenGrant(long id, String owner, List<String> roles, Instant lastUsedAt) {}
