package io.noderr.gateway;

/**
 * The authenticated node behind a gateway call.
 *
 * @param tokenHash SHA-256 of the session it presented (never the token itself)
 */
record Caller(String nodeId, String tokenHash) {}
