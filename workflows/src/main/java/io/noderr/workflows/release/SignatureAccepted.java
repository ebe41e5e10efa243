package io.noderr.workflows.release;

/** The request after a signature or a decline was counted. */
public record SignatureAccepted(ReleaseStage stage, int signatures, int declines, int threshold) {}
