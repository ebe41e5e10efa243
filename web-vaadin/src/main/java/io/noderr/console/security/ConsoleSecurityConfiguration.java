package io.noderr.console.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import io.noderr.console.views.LoginView;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/** The console's chain: form login through the Vaadin login view; views carry their roles. */
@Configuration
@EnableWebSecurity
class ConsoleSecurityConfiguration extends VaadinWebSecurity {

  @Override
  protected void configure(HttpSecurity http) throws Exception {
    super.configure(http);
    setLoginView(http, LoginView.class);
  }
}
