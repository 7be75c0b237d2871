package io.github.voicegender.evaluation;

import io.github.voicegender.dataset.Gender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of scoring labelled utterances: the figures over all of them and, with the same
 * layout, per subset (in the order the subsets first appear in the input).
 *
 * @param threshold the decision threshold: female when the probability of female is at least it
 * @param overall the block over every utterance
 * @param subsets one block per subset
 */
public record EvaluationResult(double threshold, Metrics overall, Map<String, Metrics> subsets) {

  /** Female when the probability of female is at least one half. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  public EvaluationResult {
    subsets = Collections.unmodifiableMap(new LinkedHashMap<>(subsets));
  }

  /** Evaluates at the {@link #DEFAULT_THRESHOLD}. */
  public static EvaluationResult of(List<ScoredUtterance> scored) {
    return of(scored, DEFAULT_THRESHOLD);
  }

  /**
   * Evaluates at a decision threshold.
   *
   * @throws IllegalArgumentException when {@code scored} is empty, the threshold is not in
   *     (0, 1], or a speaker is labelled both male and female
   */
  public static EvaluationResult of(List<ScoredUtterance> scored, double threshold) {
    Metrics overall = Metrics.compute(scored, threshold);
    Map<String, List<ScoredUtterance>> bySubset = new LinkedHashMap<>();
    for (ScoredUtterance utterance : scored) {
      bySubset.computeIfAbsent(utterance.subset(), key -> new ArrayList<>()).add(utterance);
    }
    Map<String, Metrics> subsets = new LinkedHashMap<>();
    bySubset.forEach((subset, utterances) -> subsets.put(subset,
        Metrics.compute(utterances, threshold)));
    return new EvaluationResult(threshold, overall, subsets);
  }

  public int utterances() {
    return overall.utterances();
  }

  public double accuracy() {
    return overall.accuracy();
  }

  public double balancedAccuracy() {
    return overall.balancedAccuracy();
  }

  public int speakers() {
    return overall.speakers();
  }

  public double speakerAccuracy() {
    return overall.speakerAccuracy();
  }

  /**
   * The quality gate: empty when utterance accuracy is at least {@code minAccuracy}, otherwise a
   * message for the person whose build stopped: the figure, the minimum, where the errors are,
   * and what to do about it.
   *
   * @throws IllegalArgumentException when {@code minAccuracy} is not in [0, 1]
   */
  public Optional<String> check(double minAccuracy) {
    if (!(minAccuracy >= 0 && minAccuracy <= 1)) {
      throw new IllegalArgumentException("The minimum accuracy must be between 0 and 1 (0.95 means"
          + " 95% of utterances right), not " + minAccuracy);
    }
    if (accuracy() >= minAccuracy) {
      return Optional.empty();
    }
    ConfusionMatrix confusion = overall.confusion();
    Gender weaker = overall.male().recall() <= overall.female().recall()
        ? Gender.MALE : Gender.FEMALE;
    StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
        "Accuracy %.4f is below the required minimum %.4f: %d of %d utterances were labelled"
            + " right (males taken for female: %d, females taken for male: %d).",
        accuracy(), minAccuracy, confusion.correct(), confusion.total(),
        confusion.maleAsFemale(), confusion.femaleAsMale()));
    message.append(String.format(Locale.ROOT,
        " Balanced accuracy %.4f; %s recall %.4f is the weaker; %d of %d speakers right by"
            + " majority vote.",
        balancedAccuracy(), weaker.label(), overall.classMetrics(weaker).recall(),
        overall.speakersCorrect(), speakers()));
    if (subsets.size() > 1) {
      message.append(" By subset:");
      subsets.forEach((name, metrics) -> message.append(String.format(Locale.ROOT,
          " %s %.4f (%d utterances);", name, metrics.accuracy(), metrics.utterances())));
      message.setLength(message.length() - 1);
      message.append('.');
    }
    message.append(" See the evaluation report for the worst-classified files and speakers;"
        + " then check that the evaluation data is what the model was trained for, retrain"
        + " (more or more varied training speakers, tuned hyper-parameters), or lower the minimum"
        + " accuracy if this figure is acceptable.");
    return Optional.of(message.toString());
  }
}
