package io.noderr.agent.platform;

import java.util.List;

/** The platform's answer to a heartbeat batch. */
public record HeartbeatAnswer(int accepted, List<String> recovered, List<String> unknown) {}
