package io.github.voicegender.model;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.extraction.FeatureRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Carves a validation set out of the training rows <em>by speaker</em>: every utterance of a speaker
 * lands on the same side, so validation measures what the model does on voices it never heard
 * (a split by utterance lets early stopping reward memorised speakers). Speakers are drawn per
 * gender, so both sides hold both classes, and the draw depends only on the rows and the seed.
 *
 * @param train rows to fit on
 * @param validation rows of the held-out speakers
 */
public record SpeakerSplit(List<FeatureRow> train, List<FeatureRow> validation) {

  /**
   * @param fraction share of each gender's speakers held out, in [0, 1); 0 gives no validation set.
   *     At least one speaker of a gender is held out when the gender has two or more.
   */
  public static SpeakerSplit of(List<FeatureRow> rows, double fraction, long seed) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), was " + fraction);
    }
    if (fraction == 0) {
      return new SpeakerSplit(List.copyOf(rows), List.of());
    }
    // Speaker ids, sorted, per gender: the same rows in any order give the same split.
    Map<Gender, TreeSet<String>> speakers = new TreeMap<>();
    for (FeatureRow row : rows) {
      speakers.computeIfAbsent(row.gender(), g -> new TreeSet<>()).add(row.speakerId());
    }
    Set<String> held = new TreeSet<>();
    Random random = new Random(seed);
    for (TreeSet<String> ofGender : speakers.values()) {
      List<String> shuffled = new ArrayList<>(ofGender);
      Collections.shuffle(shuffled, random);
      int count = (int) Math.round(fraction * shuffled.size());
      if (count == 0 && shuffled.size() >= 2) {
        count = 1;
      }
      held.addAll(shuffled.subList(0, Math.min(count, shuffled.size() - 1)));
    }
    List<FeatureRow> train = new ArrayList<>();
    List<FeatureRow> validation = new ArrayList<>();
    for (FeatureRow row : rows) {
      (held.contains(row.speakerId()) ? validation : train).add(row);
    }
    return new SpeakerSplit(List.copyOf(train), List.copyOf(validation));
  }
}
