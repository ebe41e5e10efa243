package io.noderr.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies are read by a copy of the application's mapper with {@link
 * ControlCharacterModule}: the check applies to what callers send, not to what the platform reads
 * back from its own tables or the chain through the shared mapper.
 */
@Configuration(proxyBeanMethods = false)
class ApiJsonConfiguration implements WebMvcConfigurer {

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    for (HttpMessageConverter<?> converter : converters) {
      if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
        ObjectMapper checked = jackson.getObjectMapper().copy();
        checked.registerModule(new ControlCharacterModule());
        jackson.setObjectMapper(checked);
      }
    }
  }
}
