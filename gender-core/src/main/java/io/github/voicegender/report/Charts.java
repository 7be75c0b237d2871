package io.github.voicegender.report;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.evaluation.ConfusionMatrix;
import io.github.voicegender.evaluation.Metrics;
import io.github.voicegender.evaluation.RocCurve;
import io.github.voicegender.model.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of the reports, in one look: white, light grid, the same colours for the same things. */
final class Charts {
  static {
    // Reports are written by builds on machines without a display (CI): never open one. Set
    // before any chart touches AWT, which reads the property once.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final Color MALE = new Color(0x2F6DB5);
  static final Color FEMALE = new Color(0xD9534F);
  static final Color TRAINING = new Color(0x2F6DB5);
  static final Color VALIDATION = new Color(0xE08A1E);
  static final Color TEXT = new Color(0x1F2937);
  static final Color MUTED = new Color(0x6B7280);
  static final Color GRID = new Color(0xE5E7EB);

  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final BasicStroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND,
      BasicStroke.JOIN_ROUND);
  private static final BasicStroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);

  static final int HISTOGRAM_BINS = 20;

  private Charts() {}

  /** How the probability of female is spread for each true class, with the threshold marked. */
  static Chart probabilityHistogram(Metrics metrics) {
    XYSeriesCollection data = new XYSeriesCollection();
    double binWidth = 1.0 / HISTOGRAM_BINS;
    for (Gender truth : List.of(Gender.MALE, Gender.FEMALE)) {
      double[] probabilities = metrics.probabilitiesFemale(truth);
      int[] counts = new int[HISTOGRAM_BINS];
      for (double p : probabilities) {
        counts[Math.min(HISTOGRAM_BINS - 1, (int) (p * HISTOGRAM_BINS))]++;
      }
      XYSeries series = new XYSeries("true " + truth.label() + " (" + probabilities.length + ")");
      for (int bin = 0; bin < HISTOGRAM_BINS; bin++) {
        series.add((bin + 0.5) * binWidth, counts[bin]);
      }
      data.addSeries(series);
    }
    // Side by side rather than overlapping, so a small count of one class in the other's region
    // stays visible and no blended colour reads as a third class.
    XYBarRenderer renderer = new ClusteredXYBarRenderer(0.12, false);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setSeriesPaint(0, MALE);
    renderer.setSeriesPaint(1, FEMALE);
    NumberAxis x = axis("probability of female");
    x.setRange(0, 1);
    x.setTickUnit(new NumberTickUnit(0.1));
    NumberAxis y = axis("utterances");
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    // Bars are centred on their bins and drawn one bin wide.
    data.setIntervalWidth(binWidth);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.addDomainMarker(thresholdMarker(metrics.threshold()));
    style(plot);
    JFreeChart chart = chart(null, plot, true);
    return new Chart(chart, 520, 320,
        "Histogram of the probability of female, by true class, with the decision threshold");
  }

  /** The ROC of each block given (overall, or one per subset), with the operating point. */
  static Chart roc(Map<String, Metrics> blocks, double threshold) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    Color[] palette = {TRAINING, VALIDATION, new Color(0x2E9E6B), new Color(0x8E5BC2),
        new Color(0x6B7280)};
    int index = 0;
    for (Map.Entry<String, Metrics> block : blocks.entrySet()) {
      RocCurve roc = block.getValue().roc();
      XYSeries series = new XYSeries(String.format(Locale.ROOT, "%s (AUC %s)", block.getKey(),
          Double.isNaN(roc.auc()) ? "n/a" : String.format(Locale.ROOT, "%.3f", roc.auc())),
          false, true);
      for (RocCurve.Point point : roc.points()) {
        series.add(point.falsePositiveRate(), point.truePositiveRate());
      }
      data.addSeries(series);
      renderer.setSeriesPaint(index, palette[index % palette.length]);
      renderer.setSeriesStroke(index, LINE);
      index++;
    }
    int curves = index;
    XYSeries chance = new XYSeries("chance", false, true);
    chance.add(0, 0);
    chance.add(1, 1);
    data.addSeries(chance);
    renderer.setSeriesPaint(curves, MUTED);
    renderer.setSeriesStroke(curves, DASHED);
    renderer.setSeriesVisibleInLegend(curves, false);

    // Where the threshold puts the first block (the overall one when there are several).
    ConfusionMatrix confusion = blocks.values().iterator().next().confusion();
    XYSeries operating = new XYSeries(
        String.format(Locale.ROOT, "threshold %.2f", threshold), false, true);
    operating.add(rate(confusion.maleAsFemale(), confusion.support(Gender.MALE)),
        rate(confusion.femaleAsFemale(), confusion.support(Gender.FEMALE)));
    data.addSeries(operating);
    renderer.setSeriesLinesVisible(curves + 1, false);
    renderer.setSeriesShapesVisible(curves + 1, true);
    renderer.setSeriesShape(curves + 1, new Ellipse2D.Double(-5, -5, 10, 10));
    renderer.setSeriesPaint(curves + 1, TEXT);

    NumberAxis x = axis("false positive rate (males called female)");
    NumberAxis y = axis("true positive rate (females found)");
    for (NumberAxis axis : List.of(x, y)) {
      axis.setRange(-0.01, 1.01);
      axis.setTickUnit(new NumberTickUnit(0.2));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    style(plot);
    return new Chart(chart(null, plot, true), 400, 400,
        "ROC curve of the probability of female, female as the positive class");
  }

  /** Loss and accuracy per epoch, training and validation, in two panels over one epoch axis. */
  static Chart trainingCurves(List<EpochMetrics> epochs) {
    XYSeries trainLoss = new XYSeries("training loss");
    XYSeries validationLoss = new XYSeries("validation loss");
    XYSeries trainAccuracy = new XYSeries("training accuracy");
    XYSeries validationAccuracy = new XYSeries("validation accuracy");
    for (EpochMetrics epoch : epochs) {
      trainLoss.add(epoch.epoch(), epoch.trainLoss());
      validationLoss.add(epoch.epoch(), epoch.validationLoss());
      trainAccuracy.add(epoch.epoch(), epoch.trainAccuracy());
      validationAccuracy.add(epoch.epoch(), epoch.validationAccuracy());
    }
    NumberAxis epochAxis = axis("epoch");
    epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    epochAxis.setAutoRangeIncludesZero(false);
    epochAxis.setRange(epochs.get(0).epoch() - 0.5, epochs.get(epochs.size() - 1).epoch() + 0.5);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(epochAxis);
    combined.setGap(14);
    boolean shapes = epochs.size() <= 40;
    XYPlot loss = panel(trainLoss, validationLoss, "loss", shapes);
    XYPlot accuracy = panel(trainAccuracy, validationAccuracy, "accuracy", shapes);
    EpochMetrics best = TrainingReport.bestEpoch(epochs);
    if (best != null) {
      loss.addDomainMarker(new ValueMarker(best.epoch(), MUTED, DASHED));
      ValueMarker labelled = new ValueMarker(best.epoch(), MUTED, DASHED);
      labelled.setLabel("best validation accuracy, epoch " + best.epoch());
      labelled.setLabelFont(TICK_FONT);
      labelled.setLabelPaint(MUTED);
      labelled.setLabelBackgroundColor(new Color(255, 255, 255, 0));
      // The label goes on the side of the line with more room, so it is never cut off.
      boolean early = best.epoch() - epochAxis.getLowerBound()
          < epochAxis.getUpperBound() - best.epoch();
      labelled.setLabelAnchor(RectangleAnchor.BOTTOM);
      labelled.setLabelTextAnchor(early ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
      labelled.setLabelOffset(new RectangleInsets(0, 6, 4, 6));
      accuracy.addDomainMarker(labelled);
    }
    combined.add(loss, 1);
    combined.add(accuracy, 1);
    style(combined);
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(legendLine("training", TRAINING));
    legend.add(legendLine("validation", VALIDATION));
    combined.setFixedLegendItems(legend);
    JFreeChart chart = chart("Training curves", combined, true);
    return new Chart(chart, 760, 520, "Loss and accuracy per epoch, training and validation");
  }

  private static XYPlot panel(XYSeries training, XYSeries validation, String label,
      boolean shapes) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(training);
    data.addSeries(validation);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
    renderer.setSeriesPaint(0, TRAINING);
    renderer.setSeriesPaint(1, VALIDATION);
    for (int series = 0; series < 2; series++) {
      renderer.setSeriesStroke(series, LINE);
      renderer.setSeriesShape(series, new Ellipse2D.Double(-3, -3, 6, 6));
    }
    NumberAxis y = axis(label);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, null, y, renderer);
    style(plot);
    return plot;
  }

  private static LegendItem legendLine(String label, Color color) {
    LegendItem item = new LegendItem(label, null, null, null,
        new Line2D.Double(-8, 0, 8, 0), LINE, color);
    item.setLabelFont(LABEL_FONT);
    item.setLabelPaint(TEXT);
    return item;
  }

  private static ValueMarker thresholdMarker(double threshold) {
    ValueMarker marker = new ValueMarker(threshold, TEXT, DASHED);
    marker.setLabel(String.format(Locale.ROOT, "threshold %.2f", threshold));
    marker.setLabelFont(TICK_FONT);
    marker.setLabelPaint(TEXT);
    marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    marker.setLabelOffset(new RectangleInsets(4, 4, 0, 0));
    marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    return marker;
  }

  private static NumberAxis axis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setLabelFont(LABEL_FONT);
    axis.setLabelPaint(MUTED);
    axis.setTickLabelFont(TICK_FONT);
    axis.setTickLabelPaint(MUTED);
    axis.setAxisLinePaint(GRID);
    axis.setTickMarkPaint(GRID);
    return axis;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
  }

  private static JFreeChart chart(String title, XYPlot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(null, TITLE_FONT, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(8, 8, 8, 12));
    if (title != null) {
      TextTitle text = new TextTitle(title, TITLE_FONT);
      text.setPaint(TEXT);
      text.setHorizontalAlignment(HorizontalAlignment.LEFT);
      chart.setTitle(text);
    }
    LegendTitle legendTitle = chart.getLegend();
    if (legendTitle != null) {
      legendTitle.setFrame(BlockBorder.NONE);
      legendTitle.setItemFont(LABEL_FONT);
      legendTitle.setItemPaint(TEXT);
      legendTitle.setPosition(RectangleEdge.TOP);
      legendTitle.setHorizontalAlignment(HorizontalAlignment.LEFT);
    }
    return chart;
  }

  private static double rate(int count, int total) {
    return total == 0 ? 0 : (double) count / total;
  }
}
