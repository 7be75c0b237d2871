package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.extraction.FeatureRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpeakerSplitTest {

  private final List<FeatureRow> rows = Rows.synthetic(10, 6, 5, 3, 1);

  private static Set<String> speakers(List<FeatureRow> rows, Gender gender) {
    return rows.stream().filter(r -> gender == null || r.gender() == gender)
        .map(FeatureRow::speakerId).collect(Collectors.toSet());
  }

  @Test
  void noSpeakerOnBothSidesAndEachGenderHeldOutInProportion() {
    SpeakerSplit split = SpeakerSplit.of(rows, 0.25, 42);

    Set<String> train = speakers(split.train(), null);
    Set<String> validation = speakers(split.validation(), null);
    assertTrue(Collections.disjoint(train, validation), "shared speakers: " + validation);
    assertEquals(rows.size(), split.train().size() + split.validation().size());
    // round(0.25 * 10) = 3 of the women (2.5 rounds up), round(0.25 * 6) = 2 of the men.
    assertEquals(3, speakers(split.validation(), Gender.FEMALE).size());
    assertEquals(2, speakers(split.validation(), Gender.MALE).size());
    assertEquals(5 * 5, split.validation().size());
  }

  @Test
  void sameSeedSameSplitWhateverTheRowOrder() {
    List<FeatureRow> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(3));

    assertEquals(speakers(SpeakerSplit.of(rows, 0.25, 42).validation(), null),
        speakers(SpeakerSplit.of(shuffled, 0.25, 42).validation(), null));
    assertNotEquals(speakers(SpeakerSplit.of(rows, 0.25, 42).validation(), null),
        speakers(SpeakerSplit.of(rows, 0.25, 43).validation(), null));
  }

  @Test
  void smallGendersKeepOneSpeakerOnEachSideAndZeroMeansNoValidation() {
    List<FeatureRow> few = Rows.synthetic(2, 2, 3, 3, 1);

    SpeakerSplit split = SpeakerSplit.of(few, 0.1, 7);
    assertEquals(1, speakers(split.validation(), Gender.FEMALE).size());
    assertEquals(1, speakers(split.validation(), Gender.MALE).size());
    assertEquals(2, speakers(split.train(), null).size());

    SpeakerSplit none = SpeakerSplit.of(few, 0, 7);
    assertEquals(List.of(), none.validation());
    assertEquals(few.size(), none.train().size());
  }
}
