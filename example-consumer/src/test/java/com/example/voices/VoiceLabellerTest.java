package com.example.voices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.model.Prediction;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Classifies held-out clips of the bundled sample (speakers the model never heard). */
class VoiceLabellerTest {

  private static final Path DEV = Path.of("../datasets/LibriSpeech/dev-clean");

  @Test
  void labelsAFemaleAndAMaleVoiceFromTheDependencyModel() throws Exception {
    try (GenderClassifier classifier = GenderClassifier.fromClasspath()) {
      Prediction female = classifier.classify(DEV.resolve("9185/130112/9185-130112-0001.flac"));
      Prediction male = classifier.classify(DEV.resolve("9214/130163/9214-130163-0001.flac"));

      assertEquals("female", female.label());
      assertEquals("male", male.label());
      assertTrue(female.probability() > 0.5 && female.probability() <= 1.0, "" + female.probability());
      assertTrue(male.probability() > 0.5 && male.probability() <= 1.0, "" + male.probability());
    }
  }
}
