package io.github.voicegender.evaluation;

/**
 * How well one class is recognised. Follows scikit-learn's conventions where a ratio is 0/0:
 * precision is 0 when the class is never predicted, recall is 0 when it never occurs, and F1 is 0
 * when precision and recall both are.
 *
 * @param support utterances whose true class this is
 * @param predicted utterances predicted as this class
 * @param truePositives utterances of this class predicted as it
 * @param precision {@code truePositives / predicted}
 * @param recall {@code truePositives / support}
 * @param f1 harmonic mean of precision and recall
 */
public record ClassMetrics(int support, int predicted, int truePositives, double precision,
    double recall, double f1) {

  static ClassMetrics of(int support, int predicted, int truePositives) {
    double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
    double recall = support == 0 ? 0 : (double) truePositives / support;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new ClassMetrics(support, predicted, truePositives, precision, recall, f1);
  }
}
