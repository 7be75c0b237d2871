package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.SharedCorpus;
import io.github.voicegender.audio.AudioDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What computing the MFCC at 8 kHz would cost and change (an option for extraction speed, not
 * the current design): every spectral feature lies below {@code melMaxHz} = 3400 Hz, so the MFCC
 * could use the 8 kHz signal the pitch tracker already makes, with a 200-sample frame, 80-sample
 * hop and 256-point FFT (the same 25 ms, 10 ms and 31.25 Hz bins, so the same mel filters). Both
 * ways run alternately in one JVM over the same trimmed speechocean762 utterances; the 36
 * cepstral statistics of the vector (MFCC means and standard deviations, delta standard
 * deviations, c1 to c12) are compared across utterances. Prints; asserts only that it ran. Run with
 *
 * <pre>
 *   ./mvnw -q -B -pl gender-core test -Dtest=Mfcc8kExperiment -Dbenchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class Mfcc8kExperiment {

  @Test
  void mfccAtEightKilohertz() throws Exception {
    FeatureConfig wide = FeatureConfig.defaults();
    FeatureConfig narrow = wide.with(Map.of("sampleRate", "8000", "frameLength", "200",
        "hopLength", "80", "fftSize", "256", "trimFrameLength", "512", "trimHopLength", "128"));
    List<float[]> signals = trimmedUtterances(wide);
    MfccExtractor mfcc16 = new MfccExtractor(wide);
    MfccExtractor mfcc8 = new MfccExtractor(narrow);
    Decimator halve = new Decimator(2);

    double seconds = signals.stream().mapToDouble(s -> s.length / 16000.0).sum();
    long[] nanos = new long[3];
    for (int round = 0; round < 4; round++) {
      long t0 = System.nanoTime();
      for (float[] s : signals) {
        mfcc16.extract(s);
      }
      long t1 = System.nanoTime();
      List<float[]> halves = new ArrayList<>();
      for (float[] s : signals) {
        halves.add(decimated(halve, s));
      }
      long t2 = System.nanoTime();
      for (float[] h : halves) {
        mfcc8.extract(h);
      }
      long t3 = System.nanoTime();
      if (round > 0) { // the first round warms up
        nanos[0] += t1 - t0;
        nanos[1] += t2 - t1;
        nanos[2] += t3 - t2;
      }
    }
    System.out.printf(Locale.ROOT, "MFCC at 16 kHz: %.0fx real time; at 8 kHz: %.0fx (%.0fx with the"
            + " decimation, which the pitch tracker already pays); %d utterances, %.0f s, 3 rounds%n",
        3 * seconds / (nanos[0] / 1e9), 3 * seconds / (nanos[2] / 1e9),
        3 * seconds / ((nanos[1] + nanos[2]) / 1e9), signals.size(), seconds);

    int count = wide.mfccCount() - 1;
    double[][] a = new double[signals.size()][];
    double[][] b = new double[signals.size()][];
    for (int u = 0; u < signals.size(); u++) {
      a[u] = cepstralStatistics(mfcc16.extract(signals.get(u)), wide);
      b[u] = cepstralStatistics(mfcc8.extract(decimated(halve, signals.get(u))), wide);
    }
    String[] kinds = {"mean", "std", "delta std"};
    for (int f = 0; f < 3 * count; f++) {
      double[] x = column(a, f);
      double[] y = column(b, f);
      System.out.printf(Locale.ROOT, "  c%-2d %-9s correlation %.4f, mean |change| %.3f of its spread"
          + " across utterances%n", 1 + f % count, kinds[f / count], correlation(x, y),
          meanAbsDifference(x, y) / std(x));
    }
    assertTrue(signals.size() > 100);
  }

  /**
   * The 8 kHz signal for the MFCC, times 2: half the samples per frame give a quarter of the
   * power, which only c0 (not in the vector) would see, apart from the log's small offset.
   */
  private static float[] decimated(Decimator halve, float[] signal) {
    float[] half = new float[halve.outputLength(signal.length)];
    halve.decimate(signal, half);
    for (int i = 0; i < half.length; i++) {
      half[i] *= 2f;
    }
    return half;
  }

  /** Preprocessing as {@link UtteranceFeatures} does it, up to the level normalisation. */
  private static List<float[]> trimmedUtterances(FeatureConfig config) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SharedCorpus.dataset("speechocean762").resolve("test"))) {
      files = walk.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
    }
    AudioDecoder decoder = new AudioDecoder();
    SilenceTrimmer trimmer = SilenceTrimmer.of(config);
    List<float[]> signals = new ArrayList<>();
    for (Path file : files) {
      float[] s = SilenceTrimmer.stripDigitalSilence(decoder.load(file, 16000).samples().clone());
      DcOffsetRemover.removeInPlace(s);
      s = trimmer.trim(s);
      DcOffsetRemover.removeInPlace(s);
      double rms = Math.sqrt(YinDetector.sumOfSquares(s, 0, s.length) / s.length);
      for (int i = 0; i < s.length; i++) {
        s[i] *= (float) (UtteranceFeatures.NORMALISED_RMS / rms);
      }
      if (s.length >= 4096) {
        signals.add(s);
      }
    }
    return signals;
  }

  /** MFCC means and stds and delta stds of c1..c12 over the active frames, as in the vector. */
  private static double[] cepstralStatistics(MfccFrames frames, FeatureConfig config) {
    float[][] deltas = Deltas.compute(frames.coefficients(), config.deltaWidth());
    float loudest = Float.NEGATIVE_INFINITY;
    for (float e : frames.energyDb()) {
      loudest = Math.max(loudest, e);
    }
    int count = config.mfccCount() - 1;
    double[] out = new double[3 * count];
    for (int c = 1; c <= count; c++) {
      double[] m = new double[4];
      for (int t = 0; t < frames.coefficients().length; t++) {
        if (frames.energyDb()[t] >= loudest - config.activeFrameTopDb()) {
          double v = frames.coefficients()[t][c];
          double d = deltas[t][c];
          m[0]++;
          m[1] += v;
          m[2] += v * v;
          m[3] += d * d; // deltas average about zero: their mean square is their variance
        }
      }
      double mean = m[1] / m[0];
      out[c - 1] = mean;
      out[count + c - 1] = Math.sqrt(Math.max(0, m[2] / m[0] - mean * mean));
      out[2 * count + c - 1] = Math.sqrt(m[3] / m[0]);
    }
    return out;
  }

  private static double[] column(double[][] rows, int f) {
    return Arrays.stream(rows).mapToDouble(r -> r[f]).toArray();
  }

  private static double std(double[] x) {
    double mean = Arrays.stream(x).average().orElse(0);
    return Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElse(0));
  }

  private static double meanAbsDifference(double[] x, double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.abs(x[i] - y[i]);
    }
    return sum / x.length;
  }

  private static double correlation(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
