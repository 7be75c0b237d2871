package io.github.voicegender.evaluation;

import io.github.voicegender.dataset.Gender;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of one evaluation block (all utterances, or one subset's): the utterance-level
 * confusion and per-class scores, the per-speaker majority vote, and the ROC.
 *
 * <p>Speakers are told apart by subset and ID, since subsets from different corpora may reuse an
 * ID for different people.
 *
 * @param threshold the decision threshold on the probability of female
 * @param scored the utterances, in input order
 * @param confusion utterance counts, true class by predicted class
 * @param male how well males are recognised
 * @param female how well females are recognised
 * @param accuracy the share of utterances labelled right
 * @param balancedAccuracy the mean of the per-class recalls over the classes present, which a
 *     model cannot raise by favouring the larger class
 * @param speakerTable one row per speaker, ordered by subset and speaker ID
 * @param speakerAccuracy the share of speakers whose majority verdict is right
 * @param roc the ROC of the probability of female
 */
public record Metrics(double threshold, List<ScoredUtterance> scored, ConfusionMatrix confusion,
    ClassMetrics male, ClassMetrics female, double accuracy, double balancedAccuracy,
    List<SpeakerResult> speakerTable, double speakerAccuracy, RocCurve roc) {

  public Metrics {
    scored = List.copyOf(scored);
    speakerTable = List.copyOf(speakerTable);
  }

  /**
   * Computes the block.
   *
   * @throws IllegalArgumentException when there is nothing to evaluate, or a speaker is labelled
   *     both male and female
   */
  public static Metrics compute(List<ScoredUtterance> scored, double threshold) {
    if (scored.isEmpty()) {
      throw new IllegalArgumentException("Nothing to evaluate: no scored utterances");
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("Decision threshold " + threshold + " is not in (0, 1]");
    }
    int[][] counts = new int[2][2];
    for (ScoredUtterance utterance : scored) {
      counts[utterance.truth().ordinal()][utterance.predicted(threshold).ordinal()]++;
    }
    ConfusionMatrix confusion = new ConfusionMatrix(counts[0][0], counts[0][1], counts[1][0],
        counts[1][1]);
    ClassMetrics male = classMetrics(confusion, Gender.MALE);
    ClassMetrics female = classMetrics(confusion, Gender.FEMALE);
    double accuracy = (double) confusion.correct() / confusion.total();
    double recallSum = 0;
    int classesPresent = 0;
    for (ClassMetrics metrics : List.of(male, female)) {
      if (metrics.support() > 0) {
        recallSum += metrics.recall();
        classesPresent++;
      }
    }
    List<SpeakerResult> speakers = speakerTable(scored, threshold);
    long speakersRight = speakers.stream().filter(SpeakerResult::correct).count();
    return new Metrics(threshold, scored, confusion, male, female, accuracy,
        recallSum / classesPresent, speakers, (double) speakersRight / speakers.size(),
        RocCurve.of(scored));
  }

  /** Utterances evaluated. */
  public int utterances() {
    return scored.size();
  }

  /** Speakers evaluated. */
  public int speakers() {
    return speakerTable.size();
  }

  /** Speakers whose majority verdict is right. */
  public int speakersCorrect() {
    return (int) speakerTable.stream().filter(SpeakerResult::correct).count();
  }

  /** The area under the ROC curve, {@code NaN} when only one class is present. */
  public double rocAuc() {
    return roc.auc();
  }

  public ClassMetrics classMetrics(Gender gender) {
    return gender == Gender.MALE ? male : female;
  }

  /** The probabilities of female given to the utterances of one true class, for a histogram. */
  public double[] probabilitiesFemale(Gender truth) {
    return scored.stream().filter(u -> u.truth() == truth)
        .mapToDouble(ScoredUtterance::probabilityFemale).toArray();
  }

  /**
   * The {@code limit} utterances the model got most wrong: largest {@link ScoredUtterance#error()}
   * first, ties in path order so the list is reproducible.
   */
  public List<ScoredUtterance> worstClassified(int limit) {
    return scored.stream()
        .sorted(Comparator.comparingDouble(ScoredUtterance::error).reversed()
            .thenComparing(u -> u.audio().toString()))
        .limit(limit)
        .toList();
  }

  private static ClassMetrics classMetrics(ConfusionMatrix confusion, Gender gender) {
    return ClassMetrics.of(confusion.support(gender), confusion.predicted(gender),
        confusion.count(gender, gender));
  }

  private static List<SpeakerResult> speakerTable(List<ScoredUtterance> scored, double threshold) {
    Map<String, List<ScoredUtterance>> bySpeaker = new LinkedHashMap<>();
    Map<String, Integer> subsetOrder = new LinkedHashMap<>();
    for (ScoredUtterance utterance : scored) {
      subsetOrder.putIfAbsent(utterance.subset(), subsetOrder.size());
      bySpeaker.computeIfAbsent(utterance.subset() + '\u0000' + utterance.speakerId(),
          key -> new ArrayList<>()).add(utterance);
    }
    List<SpeakerResult> table = new ArrayList<>();
    for (List<ScoredUtterance> utterances : bySpeaker.values()) {
      table.add(speakerResult(utterances, threshold));
    }
    table.sort(Comparator.<SpeakerResult>comparingInt(s -> subsetOrder.get(s.subset()))
        .thenComparing(SpeakerResult::speakerId, Metrics::compareIds));
    return table;
  }

  private static SpeakerResult speakerResult(List<ScoredUtterance> utterances, double threshold) {
    ScoredUtterance first = utterances.get(0);
    int correct = 0;
    int votesFemale = 0;
    double probabilitySum = 0;
    for (ScoredUtterance utterance : utterances) {
      if (utterance.truth() != first.truth()) {
        throw new IllegalArgumentException("Speaker " + first.speakerId() + " of subset "
            + first.subset() + " is labelled both male and female (" + first.audio() + ", "
            + utterance.audio() + "): check the corpus metadata");
      }
      Gender predicted = utterance.predicted(threshold);
      correct += predicted == utterance.truth() ? 1 : 0;
      votesFemale += predicted == Gender.FEMALE ? 1 : 0;
      probabilitySum += utterance.probabilityFemale();
    }
    int votesMale = utterances.size() - votesFemale;
    double meanProbability = probabilitySum / utterances.size();
    boolean tie = votesFemale == votesMale;
    Gender verdict = tie
        ? (meanProbability >= threshold ? Gender.FEMALE : Gender.MALE)
        : (votesFemale > votesMale ? Gender.FEMALE : Gender.MALE);
    return new SpeakerResult(first.subset(), first.speakerId(), first.truth(), utterances.size(),
        correct, votesFemale, meanProbability, verdict, tie);
  }

  /** Numeric IDs (LibriSpeech's) in numeric order, others as text. */
  static int compareIds(String a, String b) {
    boolean numericA = !a.isEmpty() && a.length() < 19 && a.chars().allMatch(Character::isDigit);
    boolean numericB = !b.isEmpty() && b.length() < 19 && b.chars().allMatch(Character::isDigit);
    if (numericA && numericB) {
      int byValue = Long.compare(Long.parseLong(a), Long.parseLong(b));
      return byValue != 0 ? byValue : a.compareTo(b);
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
