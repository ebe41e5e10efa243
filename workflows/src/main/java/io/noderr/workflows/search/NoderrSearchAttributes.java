package io.noderr.workflows.search;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search attributes every Noderr workflow carries, so SREs find workflows in the Temporal UI by
 * node, tier, version, deployment, operator and stage (docs/sre.md). The one place that names them:
 * test environments and the embedded server register {@link #INDEXED_TYPES}, and {@code
 * deploy/temporal/search-attributes.txt} (read by the compose setup) must list the same (a test
 * checks it).
 */
public final class NoderrSearchAttributes {

  /** KeywordList: a rollout batch covers several nodes. */
  public static final SearchAttributeKey<List<String>> NODE_ID =
      SearchAttributeKey.forKeywordList("NoderrNodeId");

  /** KeywordList: rollouts target several tiers; one-tier workflows set one value. */
  public static final SearchAttributeKey<List<String>> TIER =
      SearchAttributeKey.forKeywordList("NoderrTier");

  public static final SearchAttributeKey<String> VERSION =
      SearchAttributeKey.forKeyword("NoderrVersion");

  /** The rollout's workflow id, on the rollout and on each of its batches. */
  public static final SearchAttributeKey<String> DEPLOYMENT_ID =
      SearchAttributeKey.forKeyword("NoderrDeploymentId");

  /** The node operator's id (its signing address, lowercase). */
  public static final SearchAttributeKey<String> OPERATOR =
      SearchAttributeKey.forKeyword("NoderrOperator");

  /** Where the workflow stands now; upserted as it moves (see {@link VisibleProgress}). */
  public static final SearchAttributeKey<String> STAGE =
      SearchAttributeKey.forKeyword("NoderrStage");

  /** Name and type of each attribute, in the order the text file lists them. */
  public static final Map<String, IndexedValueType> INDEXED_TYPES = indexedTypes();

  /** The memo field holding the human summary the Temporal UI shows. */
  public static final String SUMMARY = "summary";

  /**
   * Temporal's default limit on one search attribute value ({@code
   * limit.searchAttributesSizeOfValue}, 2 KiB); a start or upsert above it fails the workflow task.
   * Kept under with room to spare.
   */
  static final int VALUE_BYTES_LIMIT = 2_000;

  private NoderrSearchAttributes() {}

  /** The memo of a workflow whose summary is {@code summary}. */
  public static Map<String, Object> memo(String summary) {
    return Map.of(SUMMARY, summary);
  }

  /**
   * The node ids of a batch as far as they fit one attribute value (about 80 typical ids of a
   * 500-node batch): the first ones, in the batch's order. A query by node id therefore misses the
   * node's batch when it came later in a larger batch; the summary says how many are listed.
   */
  public static List<String> nodeIdsWithinLimit(Collection<String> nodeIds) {
    List<String> listed = new ArrayList<>();
    int bytes = 2; // the JSON array's brackets
    for (String id : nodeIds) {
      bytes += id.getBytes(StandardCharsets.UTF_8).length + 3; // quotes and comma
      if (bytes > VALUE_BYTES_LIMIT) {
        break;
      }
      listed.add(id);
    }
    return listed;
  }

  private static Map<String, IndexedValueType> indexedTypes() {
    Map<String, IndexedValueType> types = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key :
        List.of(NODE_ID, TIER, VERSION, DEPLOYMENT_ID, OPERATOR, STAGE)) {
      types.put(key.getName(), key.getValueType());
    }
    return Collections.unmodifiableMap(types);
  }
}
