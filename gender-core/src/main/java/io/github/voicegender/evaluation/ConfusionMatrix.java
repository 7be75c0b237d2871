package io.github.voicegender.evaluation;

import io.github.voicegender.dataset.Gender;

/**
 * Utterance counts by true class (rows) and predicted class (columns).
 *
 * @param maleAsMale males predicted male
 * @param maleAsFemale males predicted female
 * @param femaleAsMale females predicted male
 * @param femaleAsFemale females predicted female
 */
public record ConfusionMatrix(int maleAsMale, int maleAsFemale, int femaleAsMale,
    int femaleAsFemale) {

  /** The number of utterances of class {@code truth} predicted as {@code predicted}. */
  public int count(Gender truth, Gender predicted) {
    if (truth == Gender.MALE) {
      return predicted == Gender.MALE ? maleAsMale : maleAsFemale;
    }
    return predicted == Gender.MALE ? femaleAsMale : femaleAsFemale;
  }

  /** Utterances whose true class is {@code truth}. */
  public int support(Gender truth) {
    return count(truth, Gender.MALE) + count(truth, Gender.FEMALE);
  }

  /** Utterances predicted as {@code predicted}. */
  public int predicted(Gender predicted) {
    return count(Gender.MALE, predicted) + count(Gender.FEMALE, predicted);
  }

  public int total() {
    return maleAsMale + maleAsFemale + femaleAsMale + femaleAsFemale;
  }

  public int correct() {
    return maleAsMale + femaleAsFemale;
  }
}
