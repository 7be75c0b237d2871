package io.github.voicegender.report;

import io.github.voicegender.AtomicFiles;
import static io.github.voicegender.report.Html.card;
import static io.github.voicegender.report.Html.decimal;
import static io.github.voicegender.report.Html.escape;
import static io.github.voicegender.report.Html.num;
import static io.github.voicegender.report.Html.percent;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.evaluation.ClassMetrics;
import io.github.voicegender.evaluation.ConfusionMatrix;
import io.github.voicegender.evaluation.EvaluationResult;
import io.github.voicegender.evaluation.Metrics;
import io.github.voicegender.evaluation.ScoredUtterance;
import io.github.voicegender.evaluation.SpeakerResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the evaluation report: {@code evaluation.html}, one self-contained page (charts inlined),
 * and its two charts beside it as PNG for use elsewhere. The page shows the headline figures, the
 * figures per subset, the confusion matrix and per-class precision, recall and F1, a histogram of
 * the probability of female by true class, the ROC curve, the per-speaker table and the
 * worst-classified files.
 */
public final class EvaluationReport {

  public static final String HTML_FILE = "evaluation.html";
  public static final String HISTOGRAM_FILE = "evaluation-histogram.png";
  public static final String ROC_FILE = "evaluation-roc.png";

  /** Worst-classified files listed in the page. */
  public static final int WORST_LIMIT = 25;

  private EvaluationReport() {}

  /**
   * Writes the report files into {@code directory} (created if needed), each atomically.
   *
   * @param info shown in a "Model and data" block: model, dataset and anything else worth knowing,
   *     nested maps flattened to dotted keys
   * @return the HTML file
   */
  public static Path write(EvaluationResult result, Map<String, ?> info, Path directory)
      throws IOException {
    Chart histogram = Charts.probabilityHistogram(result.overall());
    Map<String, Metrics> rocBlocks = new LinkedHashMap<>();
    if (result.subsets().size() > 1) {
      rocBlocks.put("all", result.overall());
    }
    result.subsets().forEach(rocBlocks::put);
    Chart roc = Charts.roc(rocBlocks, result.threshold());
    byte[] histogramPng = histogram.png();
    byte[] rocPng = roc.png();
    AtomicFiles.write(directory.resolve(HISTOGRAM_FILE), histogramPng);
    AtomicFiles.write(directory.resolve(ROC_FILE), rocPng);
    Path html = directory.resolve(HTML_FILE);
    AtomicFiles.write(html, Html.page("Gender evaluation",
        body(result, info, histogram, histogramPng, roc, rocPng)));
    return html;
  }

  private static String body(EvaluationResult result, Map<String, ?> info, Chart histogram,
      byte[] histogramPng, Chart roc, byte[] rocPng) {
    Metrics all = result.overall();
    StringBuilder html = new StringBuilder();
    html.append("<header><h1>Gender evaluation</h1><p class=\"sub\">")
        .append(all.utterances()).append(" utterances from ").append(all.speakers())
        .append(" speakers in ").append(escape(String.join(", ", result.subsets().keySet())))
        .append(" &middot; female when the probability of female is at least ")
        .append(String.format(Locale.ROOT, "%.2f", result.threshold()))
        .append("</p></header>\n");

    html.append("<div class=\"cards\">\n")
        .append(card("Accuracy", decimal(all.accuracy()),
            all.confusion().correct() + " of " + all.utterances() + " utterances right"))
        .append(card("Balanced accuracy", decimal(all.balancedAccuracy()),
            "mean of male and female recall"))
        .append(card("Speaker accuracy", decimal(all.speakerAccuracy()),
            all.speakersCorrect() + " of " + all.speakers() + " speakers, majority vote"))
        .append(card("ROC AUC", decimal(all.rocAuc()), "ranking quality, 1 is perfect"))
        .append("</div>\n");

    if (result.subsets().size() > 1) {
      html.append("<section><h2>By subset</h2><table><thead><tr><th>subset</th>")
          .append("<th class=\"num\">utterances</th><th class=\"num\">speakers</th>")
          .append("<th class=\"num\">accuracy</th><th class=\"num\">balanced accuracy</th>")
          .append("<th class=\"num\">speaker accuracy</th><th class=\"num\">male recall</th>")
          .append("<th class=\"num\">female recall</th><th class=\"num\">ROC AUC</th>")
          .append("</tr></thead><tbody>\n");
      result.subsets().forEach((name, m) -> html.append("<tr><td>").append(escape(name))
          .append("</td>").append(num(m.utterances())).append(num(m.speakers()))
          .append(num(decimal(m.accuracy()))).append(num(decimal(m.balancedAccuracy())))
          .append(num(decimal(m.speakerAccuracy()))).append(num(decimal(m.male().recall())))
          .append(num(decimal(m.female().recall()))).append(num(decimal(m.rocAuc())))
          .append("</tr>\n"));
      html.append("</tbody></table></section>\n");
    }

    html.append("<section><h2>Confusion matrix and per-class scores</h2><div class=\"row\">\n")
        .append("<div>").append(confusion(all.confusion())).append("</div>\n")
        .append("<div>").append(classTable(all)).append("</div>\n")
        .append("</div></section>\n");

    html.append("<section><h2>Scores</h2><div class=\"row\">\n")
        .append(Html.image(histogram, histogramPng, "How sure the model is, by true class. Bars "
            + "left of the threshold are called male, bars right of it female."))
        .append(Html.image(roc, rocPng, "Every threshold at once; the dot is the threshold in "
            + "use" + (result.subsets().size() > 1 ? " over all subsets." : ".")))
        .append("</div></section>\n");

    html.append(speakerSection(all, result.subsets().size() > 1));
    html.append(worstSection(all, result.subsets().size() > 1));

    if (!info.isEmpty()) {
      html.append("<section><h2>Model and data</h2>\n").append(Html.infoList(info))
          .append("</section>\n");
    }
    html.append("<footer>Figures are the same as in <code>evaluation.json</code>. Charts: ")
        .append("<code>").append(HISTOGRAM_FILE).append("</code>, <code>").append(ROC_FILE)
        .append("</code>.</footer>\n");
    return html.toString();
  }

  private static String confusion(ConfusionMatrix confusion) {
    StringBuilder html = new StringBuilder("<h3>Utterances, true class by predicted class</h3>")
        .append("<table class=\"confusion\"><thead><tr><th>true \\ predicted</th>")
        .append("<th class=\"male\">male</th><th class=\"female\">female</th></tr></thead><tbody>");
    for (Gender truth : Gender.values()) {
      int support = confusion.support(truth);
      html.append("<tr><th class=\"").append(truth.label()).append("\">").append(truth.label())
          .append("</th>");
      for (Gender predicted : Gender.values()) {
        int count = confusion.count(truth, predicted);
        double share = support == 0 ? 0 : (double) count / support;
        String color = truth == predicted ? "21,128,61" : "185,28,28";
        html.append(String.format(Locale.ROOT,
            "<td style=\"background:rgba(%s,%.3f)\">%d<small>%s of true %s</small></td>", color,
            0.06 + 0.30 * share, count, percent(share), truth.label()));
      }
      html.append("</tr>");
    }
    return html.append("</tbody></table>\n").toString();
  }

  private static String classTable(Metrics metrics) {
    StringBuilder html = new StringBuilder("<h3>Per class</h3><table><thead><tr><th>class</th>")
        .append("<th class=\"num\">utterances</th><th class=\"num\">precision</th>")
        .append("<th class=\"num\">recall</th><th class=\"num\">F1</th></tr></thead><tbody>");
    for (Gender gender : Gender.values()) {
      ClassMetrics c = metrics.classMetrics(gender);
      html.append("<tr><td class=\"").append(gender.label()).append("\">").append(gender.label())
          .append("</td>").append(num(c.support())).append(num(decimal(c.precision())))
          .append(num(decimal(c.recall()))).append(num(decimal(c.f1()))).append("</tr>");
    }
    html.append("<tr><td>balanced accuracy</td><td></td><td></td>")
        .append(num(decimal(metrics.balancedAccuracy()))).append("<td></td></tr>");
    return html.append("</tbody></table>\n<p class=\"sub\">Precision: of the utterances called "
        + "this class, the share that are. Recall: of the utterances of this class, the share "
        + "found. Balanced accuracy is the mean recall, blind to class sizes.</p>\n").toString();
  }

  private static String speakerSection(Metrics metrics, boolean showSubset) {
    List<SpeakerResult> rows = metrics.speakerTable().stream()
        .sorted(Comparator.comparing(SpeakerResult::correct)
            .thenComparingDouble(SpeakerResult::accuracy))
        .toList();
    int wrong = metrics.speakers() - metrics.speakersCorrect();
    StringBuilder html = new StringBuilder("<section><h2>Speakers</h2><p class=\"sub\">")
        .append(metrics.speakersCorrect()).append(" of ").append(metrics.speakers())
        .append(" speakers right by majority vote of their utterances")
        .append(wrong > 0 ? "; the " + wrong + " wrong first, then by accuracy" : "; by accuracy")
        .append(". A tied vote goes to the mean probability.</p>\n")
        .append("<div class=\"scroll\"><table><thead><tr><th>speaker</th>")
        .append(showSubset ? "<th>subset</th>" : "")
        .append("<th>true</th><th class=\"num\">utterances</th><th>utterance accuracy</th>")
        .append("<th class=\"num\">mean p(female)</th><th>verdict</th><th></th></tr></thead><tbody>\n");
    for (SpeakerResult s : rows) {
      html.append("<tr><td>").append(escape(s.speakerId())).append("</td>");
      if (showSubset) {
        html.append("<td>").append(escape(s.subset())).append("</td>");
      }
      html.append("<td class=\"").append(s.truth().label()).append("\">").append(s.truth().label())
          .append("</td>").append(num(s.utterances()))
          .append(String.format(Locale.ROOT,
              "<td><span class=\"bar%s\"><span style=\"width:%.1f%%\"></span></span>%s</td>",
              s.accuracy() < 0.5 ? " low" : "", s.accuracy() * 100, percent(s.accuracy())))
          .append(num(String.format(Locale.ROOT, "%.3f", s.meanProbabilityFemale())))
          .append("<td class=\"").append(s.verdict().label()).append("\">")
          .append(s.verdict().label()).append(s.tie() ? " <small>(tie)</small>" : "")
          .append("</td><td>").append(s.correct() ? "<span class=\"badge ok\">right</span>"
              : "<span class=\"badge bad\">wrong</span>").append("</td></tr>\n");
    }
    return html.append("</tbody></table></div></section>\n").toString();
  }

  private static String worstSection(Metrics metrics, boolean showSubset) {
    List<ScoredUtterance> worst = metrics.worstClassified(WORST_LIMIT);
    StringBuilder html = new StringBuilder("<section><h2>Worst-classified files</h2>")
        .append("<p class=\"sub\">The ").append(worst.size())
        .append(" utterances whose probability is farthest from the truth; listen to them first.")
        .append("</p>\n<div class=\"scroll\"><table><thead><tr><th class=\"num\">#</th>")
        .append("<th>file</th><th>speaker</th>").append(showSubset ? "<th>subset</th>" : "")
        .append("<th>true</th><th class=\"num\">p(female)</th><th>predicted</th>")
        .append("</tr></thead><tbody>\n");
    int rank = 1;
    for (ScoredUtterance u : worst) {
      Gender predicted = u.predicted(metrics.threshold());
      html.append("<tr><td class=\"num\">").append(rank++).append("</td><td class=\"path\" title=\"")
          .append(escape(u.audio())).append("\">").append(escape(shortPath(u.audio())))
          .append("</td><td>").append(escape(u.speakerId())).append("</td>");
      if (showSubset) {
        html.append("<td>").append(escape(u.subset())).append("</td>");
      }
      html.append("<td class=\"").append(u.truth().label()).append("\">")
          .append(u.truth().label()).append("</td>")
          .append(num(String.format(Locale.ROOT, "%.3f", u.probabilityFemale())))
          .append("<td>").append(predicted == u.truth()
              ? "<span class=\"badge ok\">" + predicted.label() + "</span>"
              : "<span class=\"badge bad\">" + predicted.label() + "</span>")
          .append("</td></tr>\n");
    }
    return html.append("</tbody></table></div></section>\n").toString();
  }

  /** The last three path elements (speaker/chapter/file in LibriSpeech); the full path is the title. */
  private static String shortPath(Path path) {
    int count = path.getNameCount();
    return count <= 3 ? path.toString() : ".../" + path.subpath(count - 3, count);
  }
}
