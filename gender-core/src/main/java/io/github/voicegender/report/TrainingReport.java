package io.github.voicegender.report;

import io.github.voicegender.AtomicFiles;
import static io.github.voicegender.report.Html.card;
import static io.github.voicegender.report.Html.decimal;
import static io.github.voicegender.report.Html.num;

import io.github.voicegender.model.EpochMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the training report: {@code training-curves.png} (loss and accuracy per epoch, training
 * and validation, in two panels), {@code training-curves.csv} (the same numbers) and
 * {@code training.html} (the chart inlined, the per-epoch table and the hyper-parameters).
 */
public final class TrainingReport {

  public static final String HTML_FILE = "training.html";
  public static final String CURVES_PNG = "training-curves.png";
  public static final String CURVES_CSV = "training-curves.csv";

  private TrainingReport() {}

  /**
   * Writes the report files into {@code directory} (created if needed), each atomically.
   *
   * @param epochs the epochs in the order they ran
   * @param hyperParameters shown as a block; nested maps flattened to dotted keys
   * @return the HTML file
   * @throws IllegalArgumentException when there are no epochs
   */
  public static Path write(List<EpochMetrics> epochs, Map<String, ?> hyperParameters,
      Path directory) throws IOException {
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException("No epochs to report: training ran no epoch");
    }
    Chart curves = Charts.trainingCurves(epochs);
    byte[] png = curves.png();
    AtomicFiles.write(directory.resolve(CURVES_PNG), png);
    AtomicFiles.write(directory.resolve(CURVES_CSV), csv(epochs));
    Path html = directory.resolve(HTML_FILE);
    AtomicFiles.write(html, Html.page("Gender model training",
        body(epochs, hyperParameters, curves, png)));
    return html;
  }

  /**
   * The epoch with the highest validation accuracy, the earliest among equals (the one early
   * stopping would keep); {@code null} when no epoch has a validation accuracy.
   */
  public static EpochMetrics bestEpoch(List<EpochMetrics> epochs) {
    EpochMetrics best = null;
    for (EpochMetrics epoch : epochs) {
      if (!Double.isNaN(epoch.validationAccuracy())
          && (best == null || epoch.validationAccuracy() > best.validationAccuracy())) {
        best = epoch;
      }
    }
    return best;
  }

  static String csv(List<EpochMetrics> epochs) {
    StringBuilder csv = new StringBuilder(
        "epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,seconds\n");
    for (EpochMetrics e : epochs) {
      csv.append(e.epoch()).append(',').append(e.trainLoss()).append(',')
          .append(e.trainAccuracy()).append(',').append(e.validationLoss()).append(',')
          .append(e.validationAccuracy()).append(',').append(e.seconds()).append('\n');
    }
    return csv.toString();
  }

  private static String body(List<EpochMetrics> epochs, Map<String, ?> hyperParameters,
      Chart curves, byte[] png) {
    EpochMetrics best = bestEpoch(epochs);
    EpochMetrics last = epochs.get(epochs.size() - 1);
    double seconds = epochs.stream().mapToDouble(EpochMetrics::seconds).sum();
    StringBuilder html = new StringBuilder();
    html.append("<header><h1>Gender model training</h1><p class=\"sub\">")
        .append(epochs.size()).append(epochs.size() == 1 ? " epoch" : " epochs").append(" in ")
        .append(duration(seconds)).append("</p></header>\n<div class=\"cards\">\n");
    if (best != null) {
      html.append(card("Best validation accuracy", decimal(best.validationAccuracy()),
          "epoch " + best.epoch() + ", loss " + decimal(best.validationLoss())));
    }
    html.append(card("Final training accuracy", decimal(last.trainAccuracy()),
            "epoch " + last.epoch() + ", loss " + decimal(last.trainLoss())))
        .append(card("Final validation accuracy", decimal(last.validationAccuracy()),
            "loss " + decimal(last.validationLoss())))
        .append(card("Training time", duration(seconds),
            String.format(Locale.ROOT, "%.2f s per epoch", seconds / epochs.size())))
        .append("</div>\n");

    html.append("<section><h2>Loss and accuracy per epoch</h2>\n").append(Html.image(curves, png,
        "A validation curve that turns away from the training curve is the model learning the "
        + "training speakers rather than voices." + (best == null ? ""
        : " The dashed line marks the epoch with the best validation accuracy.")))
        .append("</section>\n");

    if (!hyperParameters.isEmpty()) {
      html.append("<section><h2>Hyper-parameters</h2>\n").append(Html.infoList(hyperParameters))
          .append("</section>\n");
    }

    html.append("<section><h2>Epochs</h2><div class=\"scroll\"><table><thead><tr>")
        .append("<th class=\"num\">epoch</th><th class=\"num\">training loss</th>")
        .append("<th class=\"num\">training accuracy</th><th class=\"num\">validation loss</th>")
        .append("<th class=\"num\">validation accuracy</th><th class=\"num\">seconds</th>")
        .append("<th></th></tr></thead><tbody>\n");
    for (EpochMetrics e : epochs) {
      boolean isBest = e == best;
      html.append(isBest ? "<tr style=\"background:#f0fdf4\">" : "<tr>")
          .append(num(e.epoch())).append(num(decimal(e.trainLoss())))
          .append(num(decimal(e.trainAccuracy()))).append(num(decimal(e.validationLoss())))
          .append(num(decimal(e.validationAccuracy())))
          .append(num(String.format(Locale.ROOT, "%.2f", e.seconds())))
          .append("<td>").append(isBest ? "<span class=\"badge ok\">best</span>" : "")
          .append("</td></tr>\n");
    }
    html.append("</tbody></table></div></section>\n");

    html.append("<footer>The numbers are also in <code>").append(CURVES_CSV)
        .append("</code>; the chart is <code>").append(CURVES_PNG).append("</code>.</footer>\n");
    return html.toString();
  }

  private static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long whole = Math.round(seconds);
    return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
  }
}
