package io.noderr.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.console.charts.CountBuckets.Bucket;
import io.noderr.console.charts.SvgProgressBar.Segment;
import io.noderr.console.charts.TimeSeries.Point;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartsTest {

  private static final Instant FROM = Instant.parse("2026-12-03T06:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofHours(1));

  @Test
  void lineChart_isWellFormedSvg_withAccessibleTitleAndDescription() throws Exception {
    String svg =
        SvgLineChart.of("cpu", "CPU of <sim-00001> & co")
            .window(FROM, TO)
            .unit("%")
            .series(TimeSeries.area("cpu", ramp(0, 60, 10, 1)))
            .render();
    Document doc = parse(svg);
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("svg");
    assertThat(root.getAttribute("role")).isEqualTo("img");
    assertThat(root.getAttribute("aria-labelledby")).isEqualTo("cpu-title cpu-desc");
    assertThat(text(doc, "title")).contains("CPU of <sim-00001> & co");
    assertThat(text(doc, "desc")).contains("cpu: 60 points, min 10%, max 69%, latest 69%");
    assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void lineChart_scalesPointsIntoThePlot_andLabelsTicks() throws Exception {
    String svg =
        SvgLineChart.of("lat", "Latency")
            .window(FROM, TO)
            .unit(" ms")
            .series(TimeSeries.line("p95", List.of(new Point(FROM, 0), new Point(TO, 100))))
            .render();
    Document doc = parse(svg);
    List<String> labels = texts(doc);
    assertThat(labels).contains("0 ms", "20 ms", "100 ms", "06:10", "06:50");
    double[][] points = pathPoints(svg);
    // The first point is at the axis origin (left, bottom), the last at the top right.
    assertThat(points[0][0]).isLessThan(points[1][0]);
    assertThat(points[0][1]).isGreaterThan(points[1][1]);
    assertThat(points[1][0]).isEqualTo(TimeFrame.WIDTH - 14.0);
    assertThat(points[1][1]).isEqualTo(10.0);
  }

  @Test
  void lineChart_withoutData_saysSo_andStillShowsTheWindow() throws Exception {
    String svg =
        SvgLineChart.of("empty", "Nothing")
            .window(FROM, TO)
            .series(TimeSeries.line("cpu", List.of()))
            .render();
    Document doc = parse(svg);
    assertThat(texts(doc)).contains("No data in this window", "06:30");
    assertThat(text(doc, "desc")).contains("No data in this window.");
    assertThat(svg).doesNotContain("<path").doesNotContain("NaN");
  }

  @Test
  void lineChart_singlePoint_isADot_andNaNValuesAreDropped() throws Exception {
    String svg =
        SvgLineChart.of("one", "One point")
            .window(FROM, TO)
            .series(
                TimeSeries.line(
                    "cpu",
                    List.of(
                        new Point(FROM.plusSeconds(600), 42),
                        new Point(FROM.plusSeconds(700), Double.NaN),
                        new Point(FROM.plusSeconds(800), Double.POSITIVE_INFINITY))))
            .render();
    parse(svg);
    assertThat(svg).contains("<circle").doesNotContain("<path").doesNotContain("NaN");
  }

  @Test
  void lineChart_dashedBaseline_andGapsBreakTheLine() throws Exception {
    List<Point> withGap = new ArrayList<>(ramp(0, 10, 1, 1));
    withGap.addAll(ramp(40, 10, 1, 1));
    String svg =
        SvgLineChart.of("cmp", "Cohort against baseline")
            .window(FROM, TO)
            .breakAfter(Duration.ofMinutes(2))
            .series(TimeSeries.line("cohort", withGap))
            .series(TimeSeries.dashed("baseline", ramp(0, 60, 2, 0)), Palette.GREY)
            .render();
    parse(svg);
    assertThat(Pattern.compile("<path ").matcher(svg).results().count()).isEqualTo(3);
    assertThat(svg).contains("stroke-dasharray=\"6 4\"").contains("stroke=\"" + Palette.GREY);
  }

  @Test
  void lineChart_includeRange_widensTheAxis_andPointsOutsideTheWindowAreLeftOut() throws Exception {
    List<Point> points = new ArrayList<>(ramp(0, 10, 20, 0));
    points.add(new Point(FROM.minusSeconds(3600), 99));
    String svg =
        SvgLineChart.of("pct", "Percent")
            .window(FROM, TO)
            .unit("%")
            .include(0, 100)
            .series(TimeSeries.line("mem", points))
            .render();
    assertThat(texts(parse(svg))).contains("100%", "mem  20%");
  }

  @Test
  void lineChart_withoutWindow_isRefused() {
    assertThatThrownBy(() -> SvgLineChart.of("x", "x").render())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void stackedChart_stacksCategories_largestAtTheBottom() throws Exception {
    CountBuckets data =
        new CountBuckets(
            Duration.ofMinutes(10),
            List.of(
                new Bucket(FROM, Map.of("1.0.0", 80L, "1.1.0", 20L)),
                new Bucket(FROM.plusSeconds(600), Map.of("1.0.0", 50L, "1.1.0", 50L)),
                new Bucket(FROM.plusSeconds(1200), Map.of("1.0.0", 10L, "1.1.0", 90L))));
    String svg = SvgStackedChart.of("versions", "Versions").window(FROM, TO).data(data).render();
    Document doc = parse(svg);
    assertThat(data.categories()).containsExactly("1.1.0", "1.0.0");
    assertThat(texts(doc)).contains("1.1.0", "1.0.0", "100");
    assertThat(text(doc, "desc")).contains("Latest, at 2026-12-03T06:20:00Z: 1.1.0 90, 1.0.0 10");
    // Six blocks, each with its hover title.
    assertThat(svg).contains("2026-12-03T06:00:00Z 1.0.0: 80");
    assertThat(Pattern.compile("<rect [^>]*><title>").matcher(svg).results().count()).isEqualTo(6);
  }

  @Test
  void stackedChart_foldsTheSmallestCategoriesIntoOther() throws Exception {
    Map<String, Long> many = new java.util.HashMap<>();
    for (int i = 0; i < 10; i++) {
      many.put("v" + i, (long) (i + 1));
    }
    String svg =
        SvgStackedChart.of("many", "Many")
            .window(FROM, TO)
            .data(new CountBuckets(Duration.ofMinutes(5), List.of(new Bucket(FROM, many))))
            .render();
    List<String> labels = texts(parse(svg));
    assertThat(labels).contains("v9", "other").doesNotContain("v0");
    assertThat(svg).contains("other: 10");
  }

  @Test
  void stackedChart_withoutData_saysSo() throws Exception {
    String svg =
        SvgStackedChart.of("none", "None")
            .window(FROM, TO)
            .data(new CountBuckets(Duration.ofMinutes(1), List.of()))
            .render();
    assertThat(texts(parse(svg))).contains("No data in this window");
  }

  @Test
  void progressBar_splitsTheTrack_byCount() throws Exception {
    String svg =
        SvgProgressBar.render(
            "progress",
            "Deployment progress",
            List.of(
                new Segment("updated", 30, Palette.GREEN),
                new Segment("failed", 10, Palette.VERMILION)),
            100);
    Document doc = parse(svg);
    assertThat(text(doc, "desc")).isEqualTo("30 updated · 10 failed — 100 in all");
    assertThat(svg).contains("width=\"192.0\"").contains("width=\"64.0\"");
  }

  @Test
  void progressBar_ofNothing_isAnEmptyTrack() throws Exception {
    String svg =
        SvgProgressBar.render("p", "Nothing", List.of(new Segment("updated", 0, "#000")), 0);
    parse(svg);
    assertThat(svg).doesNotContain("NaN");
  }

  @Test
  void escape_coversMarkupAndDropsControlCharacters() {
    assertThat(Svg.escape("<a href=\"x\">'&'</a>\u0007"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }

  /** {@code count} points a minute apart from {@code startMinute}, rising by {@code step}. */
  private static List<Point> ramp(int startMinute, int count, double first, double step) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      points.add(new Point(FROM.plusSeconds(60L * (startMinute + i)), first + i * step));
    }
    return points;
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(Document doc, String tag) {
    return doc.getElementsByTagName(tag).item(0).getTextContent();
  }

  private static List<String> texts(Document doc) {
    NodeList nodes = doc.getElementsByTagName("text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  /** The coordinates of the first path's points. */
  private static double[][] pathPoints(String svg) {
    Matcher d = Pattern.compile("<path d=\"([^\"]+)\"").matcher(svg);
    assertThat(d.find()).isTrue();
    return Pattern.compile("[ML](-?[0-9.]+) (-?[0-9.]+)")
        .matcher(d.group(1))
        .results()
        .map(m -> new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))})
        .toArray(double[][]::new);
  }
}
