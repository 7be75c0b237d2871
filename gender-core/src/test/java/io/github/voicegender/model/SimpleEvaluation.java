package io.github.voicegender.model;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.extraction.FeatureRow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test-scope scoring used to tune and to check the model: utterance accuracy, balanced accuracy
 * (mean of the per-gender recalls) and speakers right by majority vote. The product's evaluation
 * reports are built elsewhere; this stays deliberately small.
 */
record SimpleEvaluation(int utterances, double accuracy, double balancedAccuracy, int speakers,
    int speakersRight, List<String> speakersWrong) {

  static SimpleEvaluation of(List<FeatureRow> rows, double[] probabilityFemale) {
    int[] right = new int[2];
    int[] total = new int[2];
    Map<String, int[]> votes = new TreeMap<>();
    Map<String, Gender> truth = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      FeatureRow row = rows.get(i);
      int actual = row.gender() == Gender.FEMALE ? 1 : 0;
      int predicted = probabilityFemale[i] >= 0.5 ? 1 : 0;
      total[actual]++;
      if (predicted == actual) {
        right[actual]++;
      }
      votes.computeIfAbsent(row.speakerId(), s -> new int[2])[predicted == actual ? 0 : 1]++;
      truth.put(row.speakerId(), row.gender());
    }
    List<String> wrong = votes.entrySet().stream().filter(e -> e.getValue()[0] <= e.getValue()[1])
        .map(e -> e.getKey() + "(" + truth.get(e.getKey()).label() + " " + e.getValue()[0] + "/"
            + (e.getValue()[0] + e.getValue()[1]) + ")")
        .toList();
    double balanced = ((double) right[0] / total[0] + (double) right[1] / total[1]) / 2;
    return new SimpleEvaluation(rows.size(), (double) (right[0] + right[1]) / rows.size(), balanced,
        votes.size(), votes.size() - wrong.size(), wrong);
  }

  String format() {
    return String.format("utterances %d  accuracy %.4f  balanced %.4f  speakers right %d/%d %s",
        utterances, accuracy, balancedAccuracy, speakersRight, speakers, speakersWrong);
  }
}
