package io.noderr.registry.access;

import java.time.Instant;
import java.util.List;

/**
 * What a presented, live API token grants: its owner and roles, and the operator it is bound to
 * (null for a token of a person who is not an operator's).
 */
public record ApiTokenGrant(
    long id, String owner, List<String> roles, Instant lastUsedAt, String operatorId) {}
