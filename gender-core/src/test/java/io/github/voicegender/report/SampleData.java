package io.github.voicegender.report;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.evaluation.ScoredUtterance;
import io.github.voicegender.model.EpochMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Plausible, seeded evaluation and training data for report tests. */
final class SampleData {
  private SampleData() {}

  /**
   * Speakers of a LibriSpeech-like subset, each with a personal mean probability: most clearly
   * male or female, a few hard ones (a low-voiced woman, a high-voiced man).
   */
  static List<ScoredUtterance> subset(String subset, int speakers, long seed) {
    Random random = new Random(seed);
    List<ScoredUtterance> scored = new ArrayList<>();
    for (int s = 0; s < speakers; s++) {
      String speaker = String.valueOf(84 + 97 * s + (int) (seed % 50));
      Gender truth = s % 2 == 0 ? Gender.FEMALE : Gender.MALE;
      double centre = truth == Gender.FEMALE ? 2.8 : -2.8;
      if (s == 4) {
        centre = -0.6; // a woman who reads low
      } else if (s == 7) {
        centre = 0.3; // a man with a high voice
      }
      centre += random.nextGaussian() * 0.6;
      int utterances = 8 + random.nextInt(20);
      for (int u = 0; u < utterances; u++) {
        double logit = centre + random.nextGaussian() * 1.4;
        double p = 1 / (1 + Math.exp(-logit));
        Path audio = Path.of("/data/LibriSpeech", subset, speaker, "1272",
            speaker + "-1272-" + String.format("%04d", u) + ".flac");
        scored.add(new ScoredUtterance(audio, speaker, subset, truth, p));
      }
    }
    return scored;
  }

  /** Thirty epochs: losses falling, validation levelling off and drifting up at the end. */
  static List<EpochMetrics> epochs(int count) {
    Random random = new Random(3);
    List<EpochMetrics> epochs = new ArrayList<>();
    for (int e = 1; e <= count; e++) {
      double trainLoss = 0.12 + 0.55 * Math.exp(-e / 5.0) + random.nextGaussian() * 0.005;
      double validationLoss = 0.2 + 0.45 * Math.exp(-e / 4.0) + 0.002 * Math.max(0, e - 15)
          + random.nextGaussian() * 0.01;
      double trainAccuracy = 0.98 - 0.35 * Math.exp(-e / 4.0);
      double validationAccuracy = 0.94 - 0.3 * Math.exp(-e / 3.5) - 0.001 * Math.max(0, e - 18)
          + random.nextGaussian() * 0.004;
      epochs.add(new EpochMetrics(e, trainLoss, trainAccuracy, validationLoss,
          validationAccuracy, 1.4 + random.nextDouble() * 0.3));
    }
    return epochs;
  }
}
