package io.noderr.agent.runtime;

/** The node software release a node runs. */
public record RunningRelease(String version, String imageDigest) {}
