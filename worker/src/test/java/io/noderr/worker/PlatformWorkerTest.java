package io.noderr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

/** The platform worker knows every workflow the workflows module implements. */
class PlatformWorkerTest {

  @Test
  void everyWorkflowImplementation_isRegisteredOnThePlatformWorker() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*WorkflowImpl")));
    List<String> implementations =
        scanner.findCandidateComponents("io.noderr.workflows").stream()
            .map(bean -> bean.getBeanClassName())
            .toList();

    assertThat(implementations).isNotEmpty();
    assertThat(PlatformWorker.WORKFLOW_TYPES.stream().map(Class::getName))
        .containsExactlyInAnyOrderElementsOf(implementations);
  }
}
