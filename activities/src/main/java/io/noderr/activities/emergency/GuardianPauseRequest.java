package io.noderr.activities.emergency;

/**
 * One guardian's pause of tiers, signed over {@code GuardianPause(tiers, nonce, deadline)} with the
 * multisig's next nonce (io.noderr.signing.GuardianPauseAction).
 *
 * @param tiers tier mask: bit i is tier code i (ALL = 0, ORACLE = 1, GUARDIAN = 2)
 * @param deadline unix seconds after which the multisig refuses the signature
 * @param signature the guardian's 65-byte signature, 0x-prefixed hex
 */
public record GuardianPauseRequest(long tiers, long deadline, String signature) {}
