package io.github.voicegender.model;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.extraction.FeatureRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic feature rows: a "pitch" feature that separates the genders, plus noise features. */
final class Rows {

  private Rows() {}

  static List<FeatureRow> synthetic(int femaleSpeakers, int maleSpeakers, int perSpeaker, int width, long seed) {
    Random random = new Random(seed);
    List<FeatureRow> rows = new ArrayList<>();
    for (int s = 0; s < femaleSpeakers + maleSpeakers; s++) {
      Gender gender = s < femaleSpeakers ? Gender.FEMALE : Gender.MALE;
      String speaker = String.valueOf(100 + s);
      double voice = (gender == Gender.FEMALE ? 7.8 : 6.9) + 0.15 * random.nextGaussian();
      for (int u = 0; u < perSpeaker; u++) {
        float[] vector = new float[width];
        vector[0] = (float) (voice + 0.1 * random.nextGaussian());
        for (int i = 1; i < width; i++) {
          // A few more features carry the gender weakly, the rest are noise.
          double shift = i < 6 && gender == Gender.FEMALE ? 1.5 : 0;
          vector[i] = (float) (10 * i + shift + 0.5 * random.nextGaussian());
        }
        rows.add(new FeatureRow(Path.of("/corpus/" + speaker + "/" + speaker + "-" + u + ".flac"), speaker,
            gender, "train", 1000 + u, 0, 2.0, vector));
      }
    }
    return rows;
  }
}
