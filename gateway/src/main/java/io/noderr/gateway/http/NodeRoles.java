package io.noderr.gateway.http;

/** Who calls the node API: a registered node, or the demo fleet token for simulated nodes. */
public final class NodeRoles {

  /** A registered node authenticated by its own session; the principal is its node id. */
  public static final String NODE = "NODE";

  /** The fleet token (demo profile): enrols simulated tier ALL nodes and renews their sessions. */
  public static final String FLEET = "AGENT";

  /**
   * Held with {@link #FLEET} by the platform's own embedded fleet (an in-memory credential): its
   * simulated nodes may be of any tier.
   */
  public static final String EMBEDDED_FLEET = "EMBEDDED_FLEET";

  private NodeRoles() {}
}
