package io.github.voicegender.evaluation;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.extraction.FeatureRow;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled utterance and the model's score for it: the input of an evaluation.
 *
 * @param audio the audio file
 * @param speakerId the speaker, unique within the subset's corpus
 * @param subset the subset the utterance belongs to
 * @param truth the speaker's gender according to the corpus
 * @param probabilityFemale the model's probability that the voice is female, in [0, 1]
 */
public record ScoredUtterance(Path audio, String speakerId, String subset, Gender truth,
    double probabilityFemale) {

  public ScoredUtterance {
    Objects.requireNonNull(audio, "audio");
    Objects.requireNonNull(speakerId, "speakerId");
    Objects.requireNonNull(subset, "subset");
    Objects.requireNonNull(truth, "truth");
    if (!(probabilityFemale >= 0 && probabilityFemale <= 1)) {
      throw new IllegalArgumentException("probabilityFemale of " + audio + " is "
          + probabilityFemale + ", not a probability in [0, 1]");
    }
  }

  /** A feature-store row scored by a model. */
  public static ScoredUtterance of(FeatureRow row, double probabilityFemale) {
    return new ScoredUtterance(row.audio(), row.speakerId(), row.subset(), row.gender(),
        probabilityFemale);
  }

  /** The label at a decision threshold: female when {@code probabilityFemale >= threshold}. */
  public Gender predicted(double threshold) {
    return probabilityFemale >= threshold ? Gender.FEMALE : Gender.MALE;
  }

  /** The probability the model gave to the true class. */
  public double probabilityOfTruth() {
    return truth == Gender.FEMALE ? probabilityFemale : 1 - probabilityFemale;
  }

  /** How far the score is from the truth, {@code |truth − p|} with female = 1: 0 is perfect, 1 worst. */
  public double error() {
    return 1 - probabilityOfTruth();
  }
}
