package io.noderr.workflows.rewards;

/**
 * A signer's signature over an epoch's root.
 *
 * @param epoch the epoch the signer means: a signature meant for another epoch is refused by name
 * @param signature 65-byte 0x-hex signature over the PublishRewardRoot typed data
 * @param submittedBy who submitted it (a console login or a CLI token), for the audit log
 */
public record RootSignCommand(long epoch, String signer, String signature, String submittedBy) {}
