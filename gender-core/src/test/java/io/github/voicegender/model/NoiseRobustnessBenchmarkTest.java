package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import be.tarsos.dsp.util.fft.FloatFFT;
import io.github.voicegender.PipelineLog;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.audio.Resampler;
import io.github.voicegender.evaluation.EvaluationResult;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.features.NoSpeechException;
import io.github.voicegender.features.UtteranceFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: how much accuracy falls when the test speech is noisy, band-limited, reverberant or
 * clipped, and whether perturbed copies of the training clips help (the figures of
 * {@code docs/tuning.md}, section "Noise, channels and training-time augmentation"). Runs only when
 * asked:
 *
 * <pre>
 * DJL_OFFLINE=true ./mvnw -q -B -o -pl gender-core test -Dtest=NoiseRobustnessBenchmarkTest \
 *   -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false \
 *   [-Dnoise.augment=true -Dnoise.seeds=42,1,2 -Dnoise.recipes=defaults,shipped]
 * </pre>
 *
 * <p>Every clip of speechocean762 {@code test} (setting C's 732 clips of 61 speakers never trained
 * on) is decoded at the model's sample rate, perturbed ({@link #testPerturbations}), and its features
 * extracted again with the model's {@link FeatureConfig}; the default model of setting C
 * ({@link RealCorpus#defaultModel}) scores them. Noise levels are SNRs against the mean power of the
 * whole clip (its pauses included, so the SNR over the speech itself is a little higher). Every
 * random draw is seeded from the perturbation's name and the clip's file name: a rerun, or a run on
 * another number of threads, gives the same figures.
 *
 * <p>With {@code noise.augment=true}, also: each training clip of settings A, B and C gets one copy
 * with a random perturbation of the same kinds (other random noise, other seeds, random strength),
 * added to the clean training rows; models are trained with and without the copies, per seed and
 * recipe ({@code defaults}: {@link TrainingConfig#defaults()}, the default model's;
 * {@code shipped}: validation 0 and 40 epochs, {@code models/make-pretrained-model.sh}'s), and
 * scored on the clean test sets of A, B and C and on C's perturbed ones.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class NoiseRobustnessBenchmarkTest {

  /** The clips of speechocean762 {@code test}. */
  private static final int TEST_CLIPS = 732;
  private static final String CLEAN = "clean";

  /** Turns a clip into another; {@code random} is seeded for this clip and perturbation. */
  @FunctionalInterface
  interface Perturbation {
    float[] apply(float[] samples, int sampleRate, Random random);
  }

  /** What the test speech goes through, by name, in table order. */
  static Map<String, Perturbation> testPerturbations() {
    Map<String, Perturbation> p = new LinkedHashMap<>();
    p.put(CLEAN, (s, rate, r) -> s);
    p.put("white noise 20 dB", (s, rate, r) -> withNoise(s, whiteNoise(s.length, r), 20));
    p.put("white noise 10 dB", (s, rate, r) -> withNoise(s, whiteNoise(s.length, r), 10));
    p.put("white noise 5 dB (stress)", (s, rate, r) -> withNoise(s, whiteNoise(s.length, r), 5));
    p.put("white noise 0 dB (stress)", (s, rate, r) -> withNoise(s, whiteNoise(s.length, r), 0));
    p.put("pink noise 10 dB", (s, rate, r) -> withNoise(s, pinkNoise(s.length, r), 10));
    p.put("brown noise 10 dB", (s, rate, r) -> withNoise(s, brownNoise(s.length, r), 10));
    p.put("telephone 300-3400 Hz, 8 kHz", (s, rate, r) -> telephone(s, rate, 300, 3400));
    p.put("reverb RT60 0.4 s", (s, rate, r) -> reverberated(s, rate, 0.4, r));
    p.put("+20 dB, clipped at 1.0", (s, rate, r) -> clipped(s, 20));
    return p;
  }

  /**
   * One random perturbation of the same kinds for a training copy: the kind uniformly, then its
   * strength (noise at 5 to 25 or 5 to 20 dB, band edges 250-400 and 3000-3600 Hz, RT60 0.2 to
   * 0.8 s, gain 10 to 25 dB before clipping).
   */
  static float[] randomTrainingPerturbation(float[] s, int rate, Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> withNoise(s, whiteNoise(s.length, r), 5 + 20 * r.nextDouble());
      case 1 -> withNoise(s, pinkNoise(s.length, r), 5 + 15 * r.nextDouble());
      case 2 -> withNoise(s, brownNoise(s.length, r), 5 + 15 * r.nextDouble());
      case 3 -> telephone(s, rate, 250 + 150 * r.nextDouble(), 3000 + 600 * r.nextDouble());
      case 4 -> reverberated(s, rate, 0.2 + 0.6 * r.nextDouble(), r);
      default -> clipped(s, 10 + 15 * r.nextDouble());
    };
  }

  @Test
  void accuracyUnderNoiseChannelsAndReverb() throws Exception {
    RealCorpus corpus = RealCorpus.load(FeatureConfig.defaults());
    ModelBundle bundle = RealCorpus.defaultModel(corpus);
    assertEquals(TEST_CLIPS, corpus.test.size());
    Map<String, Perturbed> tests = perturbedTests(corpus, bundle.featureConfig());

    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%n| test speech | clips scored | no speech found | accuracy | balanced | speakers right of 61 | accuracy change"
        + " | mean / max change of P(female) | labels changed |%n| --- | --- | --- | --- | --- | --- | --- | --- | --- |"));
    double cleanAccuracy = Double.NaN;
    Map<java.nio.file.Path, Double> cleanP = new java.util.HashMap<>();
    try (GenderClassifier classifier = GenderClassifier.of(bundle)) {
      for (Map.Entry<String, Perturbed> test : tests.entrySet()) {
        List<FeatureRow> rows = test.getValue().rows;
        double[] p = classifier.probabilityFemale(rows.stream().map(FeatureRow::vector).toList());
        EvaluationResult e = RealCorpus.evaluate(rows, p);
        if (test.getKey().equals(CLEAN)) {
          cleanAccuracy = e.accuracy();
          for (int i = 0; i < rows.size(); i++) {
            cleanP.put(rows.get(i).audio(), p[i]);
          }
        }
        double sum = 0;
        double max = 0;
        int flips = 0;
        for (int i = 0; i < rows.size(); i++) {
          double reference = cleanP.get(rows.get(i).audio());
          sum += Math.abs(p[i] - reference);
          max = Math.max(max, Math.abs(p[i] - reference));
          flips += (p[i] >= 0.5) != (reference >= 0.5) ? 1 : 0;
        }
        table.append(String.format(Locale.ROOT, "%n| %s | %d | %d | %.4f | %.4f | %d | %+.4f | %.3f / %.3f | %d |",
            test.getKey(), e.utterances(), test.getValue().noSpeech, e.accuracy(), e.balancedAccuracy(),
            e.overall().speakersCorrect(), e.accuracy() - cleanAccuracy, sum / rows.size(), max, flips));
      }
    }
    System.out.println("Default model of setting C (training " + String.format(Locale.ROOT, "%.1f s",
        RealCorpus.defaultModelSeconds()) + ") on speechocean762 test under perturbations:" + table);
    for (Map.Entry<String, Perturbed> test : tests.entrySet()) {
      assertEquals(TEST_CLIPS, test.getValue().rows.size() + test.getValue().noSpeech, test.getKey());
    }
    assertEquals(TEST_CLIPS, tests.get(CLEAN).rows.size());
  }

  @Test
  @EnabledIfSystemProperty(named = "noise.augment", matches = "true")
  void trainingAugmentation() throws Exception {
    FeatureConfig features = FeatureConfig.defaults();
    RealCorpus corpus = RealCorpus.load(features);
    Map<String, Perturbed> tests = perturbedTests(corpus, features);
    // C's training rows are A's and B's together: one copy of each, shared by the three settings.
    Map<String, Perturbation> augment = Map.of("train", NoiseRobustnessBenchmarkTest::randomTrainingPerturbation);
    Perturbed copies = perturbed(corpus.setting("C").train, features, augment, "augment").get("train");
    System.out.printf("augmentation: %d training copies, %d without speech%n", copies.rows.size(), copies.noSpeech);

    List<String> seeds = List.of(System.getProperty("noise.seeds", "42,1,2").split(","));
    List<String> columns = new ArrayList<>(List.of("A clean", "B clean"));
    tests.keySet().forEach(t -> columns.add("C " + t));
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n| recipe | training rows | %s |%n|%s",
        String.join(" | ", columns), " --- |".repeat(columns.size() + 2)));
    for (String recipe : System.getProperty("noise.recipes", "defaults,shipped").split(",")) {
      TrainingConfig base = switch (recipe) {
        case "defaults" -> TrainingConfig.defaults();
        case "shipped" -> new TrainingConfig(TrainingConfig.defaults().hiddenLayers(),
            TrainingConfig.defaults().dropout(), TrainingConfig.defaults().batchSize(),
            TrainingConfig.defaults().learningRate(), TrainingConfig.defaults().weightDecay(), 40,
            TrainingConfig.defaults().patience(), 0, TrainingConfig.defaults().inputNoise(),
            TrainingConfig.defaults().classWeighting(), 42, "cpu");
        default -> throw new IllegalArgumentException("recipe " + recipe);
      };
      for (boolean augmented : new boolean[] {false, true}) {
        Map<String, List<EvaluationResult>> results = new LinkedHashMap<>();
        columns.forEach(c -> results.put(c, new ArrayList<>()));
        for (String seed : seeds) {
          TrainingConfig config = base.withSeed(Long.parseLong(seed.strip())).withDevice("cpu");
          for (String setting : RealCorpus.SETTINGS) {
            RealCorpus split = corpus.setting(setting);
            List<FeatureRow> train = new ArrayList<>(split.train);
            if (augmented) {
              copies.rows.stream().filter(r -> split.trainSubsets.contains(r.subset())).forEach(train::add);
            }
            TrainingResult result = new ModelTrainer(config, null, PipelineLog.SILENT).train(train);
            ModelBundle bundle = ModelBundle.of(result, features, config, train, split.trainSubsets, List.of(), null);
            try (GenderClassifier classifier = GenderClassifier.of(bundle)) {
              Map<String, List<FeatureRow>> sets = new LinkedHashMap<>();
              if (setting.equals("C")) {
                tests.forEach((t, p) -> sets.put("C " + t, p.rows));
              } else {
                sets.put(setting + " clean", split.test);
              }
              for (Map.Entry<String, List<FeatureRow>> set : sets.entrySet()) {
                EvaluationResult e = score(classifier, set.getValue());
                results.get(set.getKey()).add(e);
                System.out.printf(Locale.ROOT, "AUGMENT %s %s seed %s | %d rows | %s | %s%n", recipe,
                    augmented ? "augmented" : "clean-only", seed.strip(), train.size(), set.getKey(),
                    RealCorpus.format(e));
              }
            }
          }
        }
        table.append(String.format(Locale.ROOT, "%n| %s | %s |", recipe,
            augmented ? "clean + 1 perturbed copy" : "clean"));
        for (String c : columns) {
          table.append(' ').append(summary(results.get(c))).append(" |");
        }
      }
    }
    System.out.println("Training-time augmentation, seeds " + seeds
        + " (cells: balanced accuracy mean (min-max), accuracy mean, speakers right mean):" + table);
    assertEquals(TEST_CLIPS, tests.get(CLEAN).rows.size());
  }

  private static Map<String, Perturbed> perturbedTests;

  /** C's test clips under {@link #testPerturbations}, extracted once per run. */
  private static synchronized Map<String, Perturbed> perturbedTests(RealCorpus corpus, FeatureConfig config)
      throws Exception {
    if (perturbedTests == null) {
      perturbedTests = perturbed(corpus.test, config, testPerturbations(), "test");
    }
    return perturbedTests;
  }

  private static String summary(List<EvaluationResult> results) {
    double[] bal = results.stream().mapToDouble(EvaluationResult::balancedAccuracy).toArray();
    return String.format(Locale.ROOT, "%.4f (%.4f-%.4f), %.4f, %.1f", Arrays.stream(bal).average().orElse(0),
        Arrays.stream(bal).min().orElse(0), Arrays.stream(bal).max().orElse(0),
        results.stream().mapToDouble(EvaluationResult::accuracy).average().orElse(0),
        results.stream().mapToDouble(r -> r.overall().speakersCorrect()).average().orElse(0));
  }

  private static EvaluationResult score(GenderClassifier classifier, List<FeatureRow> rows) {
    double[] p = classifier.probabilityFemale(rows.stream().map(FeatureRow::vector).toList());
    return RealCorpus.evaluate(rows, p);
  }

  /** Rows whose features were extracted from perturbed audio, and how many clips had no speech left. */
  record Perturbed(List<FeatureRow> rows, int noSpeech) {}

  /**
   * For each perturbation, {@code rows} with their vectors extracted again from the perturbed audio
   * (rows whose audio no longer has speech are left out and counted). {@code salt} keeps the random
   * draws of one use (test, augmentation) apart from another's.
   */
  private static Map<String, Perturbed> perturbed(List<FeatureRow> rows, FeatureConfig config,
      Map<String, Perturbation> perturbations, String salt) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ThreadLocal<UtteranceFeatures> extractor = ThreadLocal.withInitial(() -> new UtteranceFeatures(config));
    ThreadLocal<AudioDecoder> decoder = ThreadLocal.withInitial(AudioDecoder::new);
    long started = System.nanoTime();
    try {
      List<Future<float[][]>> futures = new ArrayList<>();
      List<String> names = List.copyOf(perturbations.keySet());
      for (FeatureRow row : rows) {
        futures.add(pool.submit(() -> {
          float[] samples = decoder.get().load(row.audio(), config.sampleRate()).samples();
          float[][] vectors = new float[names.size()][];
          for (int i = 0; i < names.size(); i++) {
            Random random = new Random(31L * (salt + "/" + names.get(i)).hashCode()
                + row.audio().getFileName().toString().hashCode());
            float[] audio = perturbations.get(names.get(i)).apply(samples, config.sampleRate(), random);
            try {
              vectors[i] = extractor.get().compute(audio);
            } catch (NoSpeechException e) {
              vectors[i] = null;
            }
          }
          return vectors;
        }));
      }
      Map<String, List<FeatureRow>> out = new LinkedHashMap<>();
      Map<String, Integer> noSpeech = new LinkedHashMap<>();
      names.forEach(n -> {
        out.put(n, new ArrayList<>());
        noSpeech.put(n, 0);
      });
      for (int r = 0; r < rows.size(); r++) {
        float[][] vectors = futures.get(r).get();
        FeatureRow row = rows.get(r);
        for (int i = 0; i < names.size(); i++) {
          if (vectors[i] == null) {
            noSpeech.merge(names.get(i), 1, Integer::sum);
          } else {
            out.get(names.get(i)).add(new FeatureRow(row.audio(), row.speakerId(), row.gender(), row.subset(),
                row.fileSize(), row.lastModifiedMillis(), row.durationSeconds(), vectors[i]));
          }
        }
      }
      System.out.printf(Locale.ROOT, "%s: %d clips x %d perturbations extracted in %.1f s on %d threads%n",
          salt, rows.size(), names.size(), (System.nanoTime() - started) / 1e9, threads);
      Map<String, Perturbed> result = new LinkedHashMap<>();
      out.forEach((n, list) -> result.put(n, new Perturbed(List.copyOf(list), noSpeech.get(n))));
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- perturbations of decoded audio ----

  /** {@code s} plus {@code noise} scaled to {@code snrDb} below the mean power of {@code s}. */
  static float[] withNoise(float[] s, float[] noise, double snrDb) {
    double gain = Math.sqrt(meanPower(s) / meanPower(noise) / Math.pow(10, snrDb / 10));
    float[] out = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = (float) (s[i] + gain * noise[i]);
    }
    return out;
  }

  static float[] whiteNoise(int n, Random r) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }

  /** Pink (-3 dB per octave) noise: Paul Kellet's refined filter of white noise. */
  static float[] pinkNoise(int n, Random r) {
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double b3 = 0;
    double b4 = 0;
    double b5 = 0;
    double b6 = 0;
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double w = r.nextGaussian();
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.96900 * b2 + w * 0.1538520;
      b3 = 0.86650 * b3 + w * 0.3104856;
      b4 = 0.55000 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.0168980;
      out[i] = (float) (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
      b6 = w * 0.115926;
    }
    return out;
  }

  /** Brown-ish (-6 dB per octave above about 13 Hz at 16 kHz) noise: white noise through a leaky integrator. */
  static float[] brownNoise(int n, Random r) {
    float[] out = new float[n];
    double y = 0;
    for (int i = 0; i < n; i++) {
      y = 0.995 * y + r.nextGaussian();
      out[i] = (float) y;
    }
    return out;
  }

  /** Down to 8 kHz, band-pass (4th-order Butterworth high-pass and low-pass), back to {@code rate}. */
  static float[] telephone(float[] s, int rate, double lowHz, double highHz) {
    int phone = 8000;
    float[] x = Resampler.of(rate, phone).resample(s);
    for (double q : new double[] {0.5412, 1.3066}) {
      x = biquad(x, phone, lowHz, q, true);
      x = biquad(x, phone, highHz, q, false);
    }
    return Resampler.of(phone, rate).resample(x);
  }

  /** One RBJ-cookbook high-pass or low-pass section. */
  private static float[] biquad(float[] x, int rate, double hz, double q, boolean highPass) {
    double w0 = 2 * Math.PI * hz / rate;
    double cos = Math.cos(w0);
    double alpha = Math.sin(w0) / (2 * q);
    double b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
    double b1 = highPass ? -(1 + cos) : 1 - cos;
    double b2 = b0;
    double a0 = 1 + alpha;
    double a1 = -2 * cos;
    double a2 = 1 - alpha;
    float[] y = new float[x.length];
    double x1 = 0;
    double x2 = 0;
    double y1 = 0;
    double y2 = 0;
    for (int i = 0; i < x.length; i++) {
      double v = (b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
      x2 = x1;
      x1 = x[i];
      y2 = y1;
      y1 = v;
      y[i] = (float) v;
    }
    return y;
  }

  /**
   * Convolved with a synthetic room: an impulse response of Gaussian noise whose amplitude falls by
   * 60 dB over {@code rt60} seconds (a diffuse field, no separate direct sound), the tail kept.
   */
  static float[] reverberated(float[] s, int rate, double rt60, Random r) {
    int taps = (int) Math.round(rt60 * rate);
    float[] ir = new float[taps];
    for (int i = 0; i < taps; i++) {
      ir[i] = (float) (r.nextGaussian() * Math.pow(10, -3.0 * i / taps));
    }
    int length = s.length + taps - 1;
    int n = Integer.highestOneBit(length - 1) << 1;
    float[] a = new float[2 * n];
    float[] b = new float[2 * n];
    for (int i = 0; i < s.length; i++) {
      a[2 * i] = s[i];
    }
    for (int i = 0; i < taps; i++) {
      b[2 * i] = ir[i];
    }
    FloatFFT fft = new FloatFFT(n);
    fft.complexForward(a);
    fft.complexForward(b);
    for (int k = 0; k < n; k++) {
      float re = a[2 * k] * b[2 * k] - a[2 * k + 1] * b[2 * k + 1];
      float im = a[2 * k] * b[2 * k + 1] + a[2 * k + 1] * b[2 * k];
      a[2 * k] = re;
      a[2 * k + 1] = im;
    }
    fft.complexInverse(a, true);
    float[] out = new float[length];
    for (int i = 0; i < length; i++) {
      out[i] = a[2 * i];
    }
    return out;
  }

  /** Amplified by {@code gainDb} and hard-clipped at full scale. */
  static float[] clipped(float[] s, double gainDb) {
    float gain = (float) Math.pow(10, gainDb / 20);
    float[] out = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = Math.max(-1f, Math.min(1f, s[i] * gain));
    }
    return out;
  }

  private static double meanPower(float[] s) {
    double sum = 0;
    for (float v : s) {
      sum += (double) v * v;
    }
    return sum / Math.max(1, s.length);
  }
}
