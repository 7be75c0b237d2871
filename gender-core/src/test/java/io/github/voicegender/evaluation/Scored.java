package io.github.voicegender.evaluation;

import io.github.voicegender.dataset.Gender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds scored utterances for tests: {@code male("s1", 0.2, 0.7)} is two utterances of s1. */
final class Scored {
  private final String subset;
  private final List<ScoredUtterance> utterances = new ArrayList<>();

  Scored(String subset) {
    this.subset = subset;
  }

  Scored male(String speaker, double... probabilitiesFemale) {
    return add(speaker, Gender.MALE, probabilitiesFemale);
  }

  Scored female(String speaker, double... probabilitiesFemale) {
    return add(speaker, Gender.FEMALE, probabilitiesFemale);
  }

  Scored add(String speaker, Gender truth, double... probabilitiesFemale) {
    for (double p : probabilitiesFemale) {
      Path audio = Path.of("/corpus", subset, speaker, speaker + "-" + utterances.size() + ".flac");
      utterances.add(new ScoredUtterance(audio, speaker, subset, truth, p));
    }
    return this;
  }

  List<ScoredUtterance> list() {
    return List.copyOf(utterances);
  }
}
