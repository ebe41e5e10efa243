package io.noderr.registry.node;

/** Columns a node list can be sorted by; each maps to an indexed or cheap column. */
public enum NodeSort {
  ID("id"),
  OPERATOR("operator_id"),
  TIER("tier"),
  REGION("region"),
  STATUS("status"),
  VERSION("version"),
  LAST_SEEN("last_heartbeat");

  private final String column;

  NodeSort(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }
}
