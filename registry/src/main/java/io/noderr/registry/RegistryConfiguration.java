package io.noderr.registry;

import io.noderr.registry.node.LabelsConverters;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/** The registry's repositories and read models. Imported by every process role. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableJdbcRepositories
public class RegistryConfiguration {

  @Bean
  JdbcCustomConversions jdbcCustomConversions() {
    return new JdbcCustomConversions(
        List.of(new LabelsConverters.ToJsonb(), new LabelsConverters.FromJsonb()));
  }
}
