package io.github.voicegender.evaluation;

import io.github.voicegender.dataset.Gender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The receiver operating characteristic of the probability of female, female being the positive
 * class: one point per distinct score, from (0, 0) (nothing called female) to (1, 1) (everything
 * called female).
 *
 * <p>The area under it equals the probability that a random female utterance scores higher than a
 * random male one, ties counting half (the Mann-Whitney statistic). It is {@code NaN} when either
 * class is missing, since a ranking needs both.
 *
 * @param points the curve, in order of decreasing threshold
 * @param auc the area under the curve, or {@code NaN}
 */
public record RocCurve(List<Point> points, double auc) {

  /**
   * One operating point.
   *
   * @param threshold the score at and above which utterances are called female
   * @param falsePositiveRate the share of males called female
   * @param truePositiveRate the share of females called female
   */
  public record Point(double threshold, double falsePositiveRate, double truePositiveRate) {}

  public RocCurve {
    points = List.copyOf(points);
  }

  public static RocCurve of(Collection<ScoredUtterance> scored) {
    int n = scored.size();
    double[] scores = new double[n];
    boolean[] female = new boolean[n];
    Integer[] order = new Integer[n];
    int positives = 0;
    int i = 0;
    for (ScoredUtterance utterance : scored) {
      scores[i] = utterance.probabilityFemale();
      female[i] = utterance.truth() == Gender.FEMALE;
      positives += female[i] ? 1 : 0;
      order[i] = i;
      i++;
    }
    int negatives = n - positives;
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));

    List<Point> points = new ArrayList<>();
    points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
    double area = 0;
    int truePositives = 0;
    int falsePositives = 0;
    for (int k = 0; k < n; ) {
      double threshold = scores[order[k]];
      int previousTp = truePositives;
      int previousFp = falsePositives;
      // All utterances with the same score cross the threshold together: a diagonal step, which
      // is what makes the trapezoid area count ties as half.
      for (; k < n && scores[order[k]] == threshold; k++) {
        if (female[order[k]]) {
          truePositives++;
        } else {
          falsePositives++;
        }
      }
      area += (falsePositives - previousFp) * (truePositives + previousTp) / 2.0;
      points.add(new Point(threshold, rate(falsePositives, negatives), rate(truePositives, positives)));
    }
    double auc = positives == 0 || negatives == 0 ? Double.NaN
        : area / ((double) positives * negatives);
    return new RocCurve(points, auc);
  }

  private static double rate(int count, int total) {
    return total == 0 ? 0 : (double) count / total;
  }
}
