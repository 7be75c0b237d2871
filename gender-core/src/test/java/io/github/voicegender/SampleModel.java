package io.github.voicegender;

import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.extraction.AudioFeatureExtractor;
import io.github.voicegender.extraction.FeatureExtraction;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.extraction.FeatureStore;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.model.ModelBundle;
import io.github.voicegender.model.ModelTrainer;
import io.github.voicegender.model.TrainingConfig;
import io.github.voicegender.model.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A small model trained once per test run on the bundled synthetic sample ({@code
 * datasets/LibriSpeech}, subset train-clean-100), for tests that need real audio in and a real
 * answer out. Its dev-clean speakers are voices it never heard.
 */
public final class SampleModel {

  public static final Path SAMPLE = Path.of("../datasets/LibriSpeech").toAbsolutePath().normalize();

  private static ModelBundle bundle;

  private SampleModel() {}

  public static synchronized ModelBundle bundle() {
    if (bundle == null) {
      try {
        bundle = train();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bundle;
  }

  /** A clip of the sample's evaluation subset, by speaker (9185, 9207 female; 9193, 9214 male). */
  public static Path devClip(String speaker) throws IOException {
    try (var files = Files.walk(SAMPLE.resolve("dev-clean").resolve(speaker))) {
      return files.filter(f -> f.toString().endsWith(".flac")).sorted().findFirst().orElseThrow();
    }
  }

  /** Ten seconds at 16 kHz of a held-out female voice (one of her clips, repeated). */
  public static AudioClip tenSecondFemaleClip() throws IOException {
    float[] voice = new AudioDecoder().load(devClip("9185"), 16000).samples();
    float[] clip = new float[160000];
    for (int at = 0; at < clip.length; at += voice.length) {
      System.arraycopy(voice, 0, clip, at, Math.min(voice.length, clip.length - at));
    }
    return new AudioClip(clip, 16000);
  }

  private static ModelBundle train() throws IOException {
    FeatureConfig features = FeatureConfig.defaults();
    Dataset dataset = DatasetReader.read(List.of(SAMPLE), List.of("train-clean-100"));
    Path store = Files.createTempDirectory("sample-model-features");
    List<FeatureRow> rows = new FeatureExtraction(features, () -> new AudioFeatureExtractor(features), 2,
        true, PipelineLog.SILENT, Duration.ofHours(1)).run(dataset, new FeatureStore(store))
        .rows().get("train-clean-100");
    TrainingConfig training = new TrainingConfig(List.of(32, 16), 0.2, 16, 0.005, 1e-4, 40, 0, 0.25, 0.5, true, 7, "cpu");
    TrainingResult result = new ModelTrainer(training, null, PipelineLog.SILENT).train(rows);
    return ModelBundle.of(result, features, training, rows, List.of("train-clean-100"),
        List.of(SAMPLE.toString()), "test");
  }
}
