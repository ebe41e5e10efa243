package io.noderr.workflows.onboarding;

import io.noderr.activities.onboarding.NodeIdentity;

/**
 * A node's registration, after the platform verified its evidence.
 *
 * @param tokenHash SHA-256 (hex) of the install token the node presented
 * @param tier the tier the node asked to join; must be the application's
 */
public record RegisterCommand(String tokenHash, String tier, NodeIdentity identity) {}
