package io.noderr.app;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A controller maps none of the paths nodes call (auth, agent, beacon): those are the node
 * gateway's. Reads the merged {@link RequestMapping} of the class and each handler method, so
 * {@code @GetMapping}/{@code @PostMapping} count too.
 */
class NodeEndpointCondition extends ArchCondition<JavaClass> {

  private static final List<String> NODE_PATHS =
      List.of("/api/v1/auth", "/api/v1/agent", "/api/v1/beacon");

  NodeEndpointCondition() {
    super("map no node endpoint (" + String.join(", ", NODE_PATHS) + ")");
  }

  @Override
  public void check(JavaClass controller, ConditionEvents events) {
    List<String> prefixes =
        paths(
            AnnotatedElementUtils.findMergedAnnotation(controller.reflect(), RequestMapping.class));
    for (JavaMethod method : controller.getMethods()) {
      RequestMapping mapping =
          AnnotatedElementUtils.findMergedAnnotation(method.reflect(), RequestMapping.class);
      if (mapping == null) {
        continue;
      }
      for (String prefix : prefixes.isEmpty() ? List.of("") : prefixes) {
        for (String path : paths(mapping).isEmpty() ? List.of("") : paths(mapping)) {
          String full = prefix + path;
          if (NODE_PATHS.stream().anyMatch(full::startsWith)) {
            events.add(
                SimpleConditionEvent.violated(
                    controller, method.getFullName() + " maps node endpoint " + full));
          }
        }
      }
    }
  }

  private static List<String> paths(RequestMapping mapping) {
    return mapping == null
        ? List.of()
        : Stream.concat(Stream.of(mapping.path()), Stream.of(mapping.value())).distinct().toList();
  }
}
