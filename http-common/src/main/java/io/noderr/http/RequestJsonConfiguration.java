package io.noderr.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies are read by a copy of the application's mapper with {@link
 * ControlCharacterModule}: the check applies to what callers send, not to what the platform reads
 * back from its own tables or the chain through the shared mapper. The copy also refuses repeated
 * keys in one object.
 */
@Configuration(proxyBeanMethods = false)
public class RequestJsonConfiguration implements WebMvcConfigurer {

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    for (HttpMessageConverter<?> converter : converters) {
      if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
        ObjectMapper checked = jackson.getObjectMapper().copy();
        checked.registerModule(new ControlCharacterModule());
        // A repeated key is ambiguous (which value did the caller mean?), and for records Jackson
        // reports it as a definition error that would surface as a 500 rather than a 400.
        checked.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        jackson.setObjectMapper(checked);
      }
    }
  }
}
