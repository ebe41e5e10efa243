package io.noderr.console.views;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.noderr.console.release.DemoSignerKeys;
import java.util.Map;
import java.util.function.IntConsumer;

/** The parts every signing page shows: the exact typed data, and the demo profile's keys. */
final class SigningBlocks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SigningBlocks() {}

  /** The EIP-712 typed data as a wallet's eth_signTypedData_v4 takes it, ready to copy. */
  static Pre typedData(Map<String, Object> typedData, String id) {
    Pre block = new Pre(json(typedData, true));
    block.setId(id);
    block.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)");
    return block;
  }

  /** The typed data as the JSON string a wallet's eth_signTypedData_v4 takes as its parameter. */
  static String typedDataJson(Map<String, Object> typedData) {
    return json(typedData, false);
  }

  private static String json(Map<String, Object> typedData, boolean pretty) {
    try {
      return pretty
          ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(typedData)
          : JSON.writeValueAsString(typedData);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("typed data is always serialisable", e);
    }
  }

  /**
   * DEMO ONLY: one button per demo signer, whose publicly known key the server holds; {@code
   * onSign} gets the signer's number (1-based).
   */
  static VerticalLayout demoButtons(DemoSignerKeys keys, IntConsumer onSign) {
    VerticalLayout demo = new VerticalLayout();
    demo.setPadding(false);
    Span label = new Span("Demo profile: sign with a publicly known demo key held by the server");
    label.getElement().getThemeList().add("badge contrast");
    demo.add(label);
    for (int number = 1; number <= keys.addresses().size(); number++) {
      int signerNumber = number;
      Button button =
          new Button(
              "Sign as demo signer #" + number + " (" + keys.addresses().get(number - 1) + ")",
              e -> onSign.accept(signerNumber));
      button.setId("demo-sign-" + number);
      demo.add(button);
    }
    return demo;
  }
}
