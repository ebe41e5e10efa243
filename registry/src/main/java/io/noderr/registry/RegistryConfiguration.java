package io.noderr.registry;

import io.noderr.registry.node.LabelsConverters;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.convert.CustomConversions.StoreConversions;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.jdbc.core.mapping.JdbcSimpleTypes;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/** The registry's repositories and read models. Imported by every process role. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableJdbcRepositories
public class RegistryConfiguration {

  /**
   * Our JSONB converters on top of PostgreSQL's store conversions. Declaring the dialect's simple
   * types (which include {@code PGobject}) is what lets Spring Data accept a converter to and from
   * {@code PGobject} as a store type.
   */
  @Bean
  JdbcCustomConversions jdbcCustomConversions() {
    JdbcPostgresDialect dialect = JdbcPostgresDialect.INSTANCE;
    List<Object> storeConverters = new ArrayList<>(dialect.getConverters());
    storeConverters.addAll(JdbcCustomConversions.storeConverters());
    return new JdbcCustomConversions(
        StoreConversions.of(
            new SimpleTypeHolder(dialect.simpleTypes(), JdbcSimpleTypes.HOLDER), storeConverters),
        List.of(new LabelsConverters.ToJsonb(), new LabelsConverters.FromJsonb()));
  }
}
