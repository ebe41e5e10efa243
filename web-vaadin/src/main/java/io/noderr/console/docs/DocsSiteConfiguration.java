package io.noderr.console.docs;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The documentation site under {@code /docs}: the HTML the docs-site module renders at build time
 * into its jar's {@code META-INF/resources/docs/}, served as static files to anyone, signed in or
 * not. The handbook must be readable before an operator has an account, and every page is built
 * from README.md and docs/ of the public repository, so nothing secret is there.
 *
 * <p>Spring MVC serves the files (not Vaadin's servlet: Vaadin's root mapping steps aside for a
 * path a resource handler claims), from that one classpath folder; its resource resolver refuses
 * paths that climb out of it ({@code ..}, encoded or not), and {@link DocsPathGuard} refuses such
 * requests before anything else sees them. Only GET and HEAD of {@code /docs/**} are public: the
 * chain below matches nothing else, so every other path stays behind the console's login.
 *
 * <p>{@code /docs/reports/} serves the test report and launch checklist the build wrote, from
 * {@link DocsProperties#reportsDir()} when it is set: test names and figures, nothing secret.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocsProperties.class)
class DocsSiteConfiguration implements WebMvcConfigurer {

  /** The build's reports: they change with every test run, so they are never cached. */
  static final String REPORTS = "/docs/reports/";

  private final DocsProperties properties;

  DocsSiteConfiguration(DocsProperties properties) {
    this.properties = properties;
  }

  static final String LOCATION = "classpath:/META-INF/resources/docs/";

  /**
   * Pages change only with a new console version, at the same URLs and without content hashes in
   * their names: a few minutes of caching spares reloads while reading, and a new version is seen
   * soon after an upgrade. No Last-Modified: jar timestamps are fixed by reproducible builds, so
   * they would answer 304 for a changed page.
   */
  static final CacheControl CACHING = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

  /**
   * Nothing on the site comes from elsewhere: its own stylesheet, script and images. Public pages
   * get the strictest policy that lets them work.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** Ahead of every other filter, Spring Security's included: see {@link DocsPathGuard}. */
  @Bean
  FilterRegistrationBean<DocsPathGuard> docsPathGuard() {
    FilterRegistrationBean<DocsPathGuard> registration =
        new FilterRegistrationBean<>(new DocsPathGuard());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/docs", "/docs/index.html");
    registry.addRedirectViewController("/docs/", "/docs/index.html");
    registry.addRedirectViewController("/docs/reports", REPORTS + "test-report.html");
    registry.addRedirectViewController(REPORTS, REPORTS + "test-report.html");
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    if (properties.reportsDir() != null) {
      registry
          .addResourceHandler(REPORTS + "**")
          .addResourceLocations("file:" + properties.reportsDir().toAbsolutePath() + "/")
          .setCacheControl(CacheControl.noCache());
    }
    registry
        .addResourceHandler("/docs/**")
        .addResourceLocations(LOCATION)
        .setCacheControl(CACHING)
        .setUseLastModified(false);
  }

  /**
   * Ahead of the console's chain (Vaadin's, which would send a stranger to the login view) and
   * after the API's (order 1): no session, no login, no CSRF token (nothing here changes state).
   */
  @Bean
  @Order(2)
  SecurityFilterChain docsChain(HttpSecurity http) throws Exception {
    return http.securityMatcher(
            new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/docs"),
                PathPatternRequestMatcher.withDefaults().matcher("/docs/**"),
                DocsSiteConfiguration::errorPageOfDocs))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .headers(
            headers ->
                headers
                    .cacheControl(cache -> cache.disable())
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
        // Anything but reading is refused outright, not sent to a login page.
        .exceptionHandling(
            ex -> ex.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN)))
        .authorizeHttpRequests(
            auth ->
                auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/docs", "/docs/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, "/docs", "/docs/**")
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .build();
  }

  /**
   * The error page (404 of a missing page, 400 of a bad path) the container renders for a docs
   * request: it is dispatched to /error, which the console's chain would answer with a redirect to
   * its login.
   */
  private static boolean errorPageOfDocs(HttpServletRequest request) {
    return request.getDispatcherType() == DispatcherType.ERROR
        && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
        && uri.startsWith(request.getContextPath() + "/docs");
  }
}
