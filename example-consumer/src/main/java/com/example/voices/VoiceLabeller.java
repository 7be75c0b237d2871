package com.example.voices;

import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.model.Prediction;
import java.io.IOException;
import java.nio.file.Path;

/** Labels the audio files named on the command line with the model this project depends on. */
public final class VoiceLabeller {

  private VoiceLabeller() {}

  public static void main(String[] args) throws IOException {
    // The model artifact on the classpath holds the bundle; no path to configure.
    try (GenderClassifier classifier = GenderClassifier.fromClasspath()) {
      for (String file : args) {
        Prediction prediction = classifier.classify(Path.of(file));
        System.out.printf("%s\t%s\t%.3f%n", file, prediction.label(), prediction.probability());
      }
    }
  }
}
