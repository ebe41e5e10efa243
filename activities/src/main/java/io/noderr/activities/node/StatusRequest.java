package io.noderr.activities.node;

/** Asks a node for its status; {@code reason} is recorded by the agent's log. */
public record StatusRequest(String reason) {}
