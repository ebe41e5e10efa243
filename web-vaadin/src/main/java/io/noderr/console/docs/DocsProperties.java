package io.noderr.console.docs;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Documentation settings ({@code noderr.docs.*}).
 *
 * @param reportsDir where the build wrote its test report and launch checklist ({@code
 *     reports/target/test-report} of the checkout that ran {@code ./noderr test}); served under
 *     {@code /docs/reports/} when set. {@code ./noderr up} sets it to its checkout's; a platform
 *     started from an image has none.
 */
@ConfigurationProperties("noderr.docs")
public record DocsProperties(Path reportsDir) {}
