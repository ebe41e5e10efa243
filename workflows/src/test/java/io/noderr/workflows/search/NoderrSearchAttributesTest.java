package io.noderr.workflows.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoderrSearchAttributesTest {

  /** Read by the compose setup; the repository root is one up from this module. */
  private static final Path FILE = Path.of("../deploy/temporal/search-attributes.txt");

  @Test
  void theTextFileTheComposeSetupReads_listsExactlyTheAttributesOfTheCode() throws IOException {
    Map<String, String> inFile = new LinkedHashMap<>();
    for (String line : Files.readAllLines(FILE)) {
      String[] nameAndType = line.strip().split("\\s+");
      assertThat(nameAndType).as("'%s' is 'Name Type'", line).hasSize(2);
      inFile.put(nameAndType[0], nameAndType[1]);
    }
    Map<String, String> inCode = new LinkedHashMap<>();
    NoderrSearchAttributes.INDEXED_TYPES.forEach((name, type) -> inCode.put(name, cliName(type)));

    assertThat(inFile).containsExactlyEntriesOf(inCode);
  }

  @Test
  void nodeIds_fitTemporalsDefaultValueLimit_keepingTheFirstOnes() {
    List<String> batch = Collections.nCopies(500, "eu-west-1-0123456789abcdef");

    List<String> listed = NoderrSearchAttributes.nodeIdsWithinLimit(batch);

    assertThat(listed).isNotEmpty().hasSizeLessThan(batch.size());
    int json = 2 + listed.stream().mapToInt(id -> id.length() + 3).sum();
    assertThat(json).isLessThanOrEqualTo(2048);
    assertThat(NoderrSearchAttributes.nodeIdsWithinLimit(List.of("a", "b")))
        .containsExactly("a", "b");
  }

  /** The type names of {@code temporal operator search-attribute create --type}. */
  private static String cliName(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> throw new AssertionError("no Noderr attribute is of type " + type);
    };
  }
}
