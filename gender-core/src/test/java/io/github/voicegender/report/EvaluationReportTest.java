package io.github.voicegender.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.evaluation.EvaluationResult;
import io.github.voicegender.evaluation.ScoredUtterance;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

  /** Kept after the build so a person can open the pages: target/report-samples/. */
  private static final Path SAMPLES = Path.of("target", "report-samples");

  @TempDir Path dir;

  private static EvaluationResult twoSubsets() {
    List<ScoredUtterance> scored = new ArrayList<>(SampleData.subset("dev-clean", 40, 11));
    scored.addAll(SampleData.subset("test", 12, 29));
    return EvaluationResult.of(scored);
  }

  private static Map<String, Object> info() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("model", Map.of("name", "gender-model", "version", "0.1.0-SNAPSHOT",
        "engine", "MXNet"));
    info.put("dataset", Map.of("roots", List.of("/data/LibriSpeech"),
        "subsets", List.of("dev-clean", "test")));
    info.put("note", "<b>not markup</b>");
    return info;
  }

  @Test
  void writesASelfContainedPageWithTheKeyFiguresAndItsCharts() throws IOException {
    EvaluationResult result = twoSubsets();
    Path html = EvaluationReport.write(result, info(), dir.resolve("gender"));

    assertEquals(dir.resolve("gender/evaluation.html"), html);
    String page = Files.readString(html);
    ReportFiles.selfContained(page);
    assertEquals(2, ReportFiles.inlinedPngs(page), "histogram and ROC inlined");

    for (double figure : new double[] {result.accuracy(), result.balancedAccuracy(),
        result.speakerAccuracy(), result.overall().rocAuc(), result.overall().male().precision(),
        result.overall().female().recall(), result.overall().female().f1(),
        result.subsets().get("test").accuracy()}) {
      String shown = String.format(Locale.ROOT, "%.4f", figure);
      assertTrue(page.contains(shown), "page shows " + shown);
    }
    assertTrue(page.contains(">" + result.overall().confusion().maleAsFemale() + "<small>"),
        "confusion cell");
    assertTrue(page.contains(result.overall().speakersCorrect() + " of " + result.speakers()
        + " speakers"));
    for (var speaker : result.overall().speakerTable()) {
      assertTrue(page.contains("<td>" + speaker.speakerId() + "</td>"), speaker.speakerId());
    }
    ScoredUtterance worst = result.overall().worstClassified(1).get(0);
    assertTrue(page.contains("title=\"" + worst.audio() + "\""), "worst file listed");
    assertTrue(page.contains("&lt;b&gt;not markup&lt;/b&gt;"), "information is escaped");
    assertTrue(page.contains("model.engine"), "nested information flattened");

    BufferedImage histogram = ReportFiles.png(html.resolveSibling(EvaluationReport.HISTOGRAM_FILE),
        520 * Chart.SCALE, 320 * Chart.SCALE);
    BufferedImage roc = ReportFiles.png(html.resolveSibling(EvaluationReport.ROC_FILE),
        400 * Chart.SCALE, 400 * Chart.SCALE);
    assertTrue(ReportFiles.hasColour(roc, Charts.TRAINING.getRGB() & 0xffffff, 8), "ROC drawn");
    assertTrue(ReportFiles.hasColour(histogram, 0xD9534F, 60), "female bars drawn");
    try (Stream<Path> files = Files.list(html.getParent())) {
      assertEquals(3, files.count(), "three files, no temporaries left");
    }
  }

  @Test
  void oneSubsetOneClassStillMakesAReport() throws IOException {
    List<ScoredUtterance> males = SampleData.subset("dev-clean", 6, 5).stream()
        .filter(u -> u.truth() == io.github.voicegender.dataset.Gender.MALE).toList();
    Path html = EvaluationReport.write(EvaluationResult.of(males), Map.of(), dir);
    String page = Files.readString(html);
    ReportFiles.selfContained(page);
    assertTrue(page.contains("n/a"), "AUC undefined with one class is shown as n/a");
    assertTrue(!page.contains("By subset"), "no subset table for one subset");
    assertTrue(!page.contains("Model and data"), "no empty information block");
  }

  @Test
  void sameResultSameFiles() throws IOException {
    Path first = EvaluationReport.write(twoSubsets(), info(), dir.resolve("a"));
    Path second = EvaluationReport.write(twoSubsets(), info(), dir.resolve("b"));
    assertEquals(Files.readString(first), Files.readString(second));
    assertEquals(-1L, Files.mismatch(first.resolveSibling(EvaluationReport.ROC_FILE),
        second.resolveSibling(EvaluationReport.ROC_FILE)));
  }

  @Test
  void rendersWithoutADisplay() {
    Charts.probabilityHistogram(io.github.voicegender.evaluation.Metrics.compute(
        SampleData.subset("s", 2, 1), 0.5)); // initialises the chart classes
    assertTrue(GraphicsEnvironment.isHeadless());
  }

  @Test
  void writesSamplesForPeopleToLookAt() throws IOException {
    EvaluationReport.write(twoSubsets(), info(), SAMPLES);
    assertTrue(Files.size(SAMPLES.resolve(EvaluationReport.HTML_FILE)) > 10_000);
  }
}
