package io.github.voicegender.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.model.EpochMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {

  @TempDir Path dir;

  private static Map<String, Object> hyperParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("hiddenLayers", List.of(256, 128));
    parameters.put("dropout", 0.3);
    parameters.put("learningRate", 0.001);
    parameters.put("batchSize", 64);
    parameters.put("seed", 42);
    parameters.put("classWeights", Map.of("male", 1.2, "female", 0.85));
    return parameters;
  }

  @Test
  void writesCurvesTableAndHyperParameters() throws IOException {
    List<EpochMetrics> epochs = SampleData.epochs(30);
    Path html = TrainingReport.write(epochs, hyperParameters(), dir.resolve("gender"));

    String page = Files.readString(html);
    ReportFiles.selfContained(page);
    assertEquals(1, ReportFiles.inlinedPngs(page));
    EpochMetrics best = TrainingReport.bestEpoch(epochs);
    assertTrue(page.contains(String.format(java.util.Locale.ROOT, "%.4f",
        best.validationAccuracy())));
    assertTrue(page.contains("epoch " + best.epoch()));
    assertTrue(page.contains("<td class=\"num\">30</td>"), "last epoch in the table");
    assertTrue(page.contains("<dt>hiddenLayers</dt><dd>256, 128</dd>"), page);
    assertTrue(page.contains("<dt>classWeights.male</dt>") || page.contains("classWeights.female"));
    assertEquals(30, page.split("<tr").length - 2, "one row per epoch plus the header");

    BufferedImage png = ReportFiles.png(html.resolveSibling(TrainingReport.CURVES_PNG),
        760 * Chart.SCALE, 520 * Chart.SCALE);
    assertTrue(ReportFiles.hasColour(png, Charts.TRAINING.getRGB() & 0xffffff, 8));
    assertTrue(ReportFiles.hasColour(png, Charts.VALIDATION.getRGB() & 0xffffff, 8));

    List<String> csv = Files.readAllLines(html.resolveSibling(TrainingReport.CURVES_CSV));
    assertEquals("epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,seconds",
        csv.get(0));
    assertEquals(31, csv.size());
    String[] first = csv.get(1).split(",");
    assertEquals("1", first[0]);
    assertEquals(epochs.get(0).validationAccuracy(), Double.parseDouble(first[4]));
  }

  @Test
  void bestEpochIsTheEarliestHighestValidationAccuracy() {
    List<EpochMetrics> epochs = List.of(
        new EpochMetrics(1, 0.7, 0.6, 0.7, 0.80, 1),
        new EpochMetrics(2, 0.5, 0.8, 0.5, 0.90, 1),
        new EpochMetrics(3, 0.4, 0.9, 0.6, 0.90, 1),
        new EpochMetrics(4, 0.3, 0.9, 0.7, Double.NaN, 1));
    assertEquals(2, TrainingReport.bestEpoch(epochs).epoch());
    assertNull(TrainingReport.bestEpoch(List.of(new EpochMetrics(1, 1, 0.5, 1, Double.NaN, 1))));
  }

  @Test
  void aSingleEpochWithoutValidationStillMakesAReport() throws IOException {
    Path html = TrainingReport.write(
        List.of(new EpochMetrics(1, 0.69, 0.55, Double.NaN, Double.NaN, 0.8)), Map.of(), dir);
    String page = Files.readString(html);
    ReportFiles.selfContained(page);
    assertTrue(page.contains("1 epoch in 0.8 s"), page);
    assertTrue(!page.contains("Hyper-parameters"));
    ReportFiles.png(dir.resolve(TrainingReport.CURVES_PNG), 760 * Chart.SCALE, 520 * Chart.SCALE);
  }

  @Test
  void noEpochsIsAnError() {
    assertThrows(IllegalArgumentException.class,
        () -> TrainingReport.write(List.of(), Map.of(), dir));
  }

  @Test
  void writesSamplesForPeopleToLookAt() throws IOException {
    TrainingReport.write(SampleData.epochs(30), hyperParameters(),
        Path.of("target", "report-samples"));
    // Best epoch early: the marker label must go right of its line.
    List<EpochMetrics> early = SampleData.epochs(12).stream()
        .map(e -> new EpochMetrics(e.epoch(), e.trainLoss(), e.trainAccuracy(),
            e.validationLoss(), e.epoch() == 2 ? 0.99 : e.validationAccuracy(), e.seconds()))
        .toList();
    TrainingReport.write(early, Map.of(), Path.of("target", "report-samples", "early-best"));
  }
}
