package io.noderr.console.charts;

import java.util.List;

/**
 * Colours that stay apart for colour-blind readers (Okabe and Ito), in the order series use them.
 */
public final class Palette {

  public static final String BLUE = "#0072b2";
  public static final String ORANGE = "#e69f00";
  public static final String GREEN = "#009e73";
  public static final String VERMILION = "#d55e00";
  public static final String PURPLE = "#cc79a7";
  public static final String SKY = "#56b4e9";
  public static final String YELLOW = "#d4b800";
  public static final String GREY = "#8a94a1";

  private static final List<String> ORDER =
      List.of(BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, GREY);

  private Palette() {}

  /** The {@code index}-th colour, wrapping around. */
  public static String color(int index) {
    return ORDER.get(Math.floorMod(index, ORDER.size()));
  }
}
