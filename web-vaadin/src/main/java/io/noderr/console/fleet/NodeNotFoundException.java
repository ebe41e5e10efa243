package io.noderr.console.fleet;

/** A node id the registry does not know (API: 404). */
public class NodeNotFoundException extends RuntimeException {
  public NodeNotFoundException(String nodeId) {
    super("no node with id '" + nodeId + "'");
  }
}
