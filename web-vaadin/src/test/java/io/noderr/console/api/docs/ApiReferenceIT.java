package io.noderr.console.api.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.AbstractConsoleIT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * docs/api-reference.md is what {@link ApiReferenceWriter} renders from the running console's
 * {@code /v3/api-docs}: this fails when the checked-in file differs, and rewrites it with {@code
 * -Dnoderr.docs.update=true}. Every operation the seed's {@code networkOps} procedures map to must
 * be in the document.
 */
class ApiReferenceIT extends AbstractConsoleIT {

  /** From the module's directory, where Maven runs the tests. */
  static final Path REFERENCE = Path.of("..", "docs", "api-reference.md");

  static final String UPDATE =
      "./mvnw -B verify -pl web-vaadin -Dtest=none -Dit.test=ApiReferenceIT"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dnoderr.docs.update=true";

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  @Test
  void theNetworkOpsProceduresMapToOperationsOfTheApi() throws Exception {
    assertThat(ApiReferenceWriter.missingProcedures(openApi()))
        .as("networkOps procedures whose operation is not in /v3/api-docs")
        .isEmpty();
  }

  @Test
  void docsApiReferenceIsWhatTheOpenApiDocumentRenders() throws Exception {
    String rendered = ApiReferenceWriter.render(openApi());
    if (Boolean.getBoolean("noderr.docs.update")) {
      Files.writeString(REFERENCE, rendered, StandardCharsets.UTF_8);
      System.out.println("ApiReferenceIT: wrote " + REFERENCE.toAbsolutePath().normalize());
      return;
    }
    String checkedIn =
        Files.exists(REFERENCE) ? Files.readString(REFERENCE, StandardCharsets.UTF_8) : "";
    if (!checkedIn.equals(rendered)) {
      fail(
          "docs/api-reference.md is out of date: run "
              + UPDATE
              + " and commit the file\n"
              + firstDifference(checkedIn, rendered));
    }
  }

  /** Where the two texts part, line by line. */
  static String firstDifference(String checkedIn, String rendered) {
    String[] was = checkedIn.split("\n", -1);
    String[] is = rendered.split("\n", -1);
    for (int i = 0; i < Math.max(was.length, is.length); i++) {
      String a = i < was.length ? was[i] : "(end of file)";
      String b = i < is.length ? is[i] : "(end of file)";
      if (!a.equals(b)) {
        return "first difference at line "
            + (i + 1)
            + ":\n  file:      "
            + a
            + "\n  generated: "
            + b;
      }
    }
    return "";
  }

  private JsonNode openApi() throws Exception {
    String body =
        mvc.perform(get("/v3/api-docs").with(httpBasic("sre", PASSWORD)))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return json.readTree(body);
  }
}
