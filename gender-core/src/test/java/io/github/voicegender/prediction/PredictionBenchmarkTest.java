package io.github.voicegender.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.voicegender.SampleModel;
import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.model.GenderClassifier;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * In-process prediction latency of a 10-second clip (decoded already; features, scaler, network and
 * the windowing), median and 99th percentile over 500 runs after 100 warm-up runs. A benchmark, not
 * a timed test. Run with
 *
 * <pre>
 *   ./mvnw -q -B -pl gender-core test -Dtest=PredictionBenchmarkTest -Dbenchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PredictionBenchmarkTest {

  @Test
  void tenSecondClip() throws Exception {
    AudioClip tenSeconds = SampleModel.tenSecondFemaleClip();
    try (GenderClassifier model = GenderClassifier.of(SampleModel.bundle())) {
      SegmentedClassifier classifier = new SegmentedClassifier(model);
      for (int i = 0; i < 100; i++) {
        classifier.classify(tenSeconds);
      }
      long[] nanos = new long[500];
      for (int i = 0; i < nanos.length; i++) {
        long start = System.nanoTime();
        ClipPrediction p = classifier.classify(tenSeconds);
        nanos[i] = System.nanoTime() - start;
        assertEquals("female", p.label());
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "Prediction of a 10 s clip, in process: median %.2f ms, p99 %.2f ms%n",
          nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
    }
  }
}
