package io.noderr.registry.rewards;

import io.noderr.registry.Tier;

/**
 * A registry node as measured over an epoch's window.
 *
 * @param payoutAddress its operator's governance identity (the signing address of the operator's
 *     approved or registered application, lowercase); null when the operator has none
 */
public record MeasuredNode(
    String nodeId, Tier tier, String payoutAddress, int uptimeBp, int performanceBp) {}
