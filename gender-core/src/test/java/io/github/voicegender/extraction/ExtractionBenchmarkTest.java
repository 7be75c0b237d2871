package io.github.voicegender.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.SharedCorpus;
import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.dataset.Utterance;
import io.github.voicegender.features.DcOffsetRemover;
import io.github.voicegender.features.Deltas;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.features.MfccExtractor;
import io.github.voicegender.features.MfccFrames;
import io.github.voicegender.features.PitchTracker;
import io.github.voicegender.features.SilenceTrimmer;
import io.github.voicegender.features.UtteranceFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end extraction speed on the shared corpus, in multiples of real time (audio seconds per
 * wall second), with one thread and with every core, after a warm-up pass; then where one thread's
 * time goes, stage by stage. A benchmark, not a timed test: it prints, and asserts only that every
 * file was extracted. Run with
 *
 * <pre>
 *   ./mvnw -q -B -pl gender-core test -Dtest=ExtractionBenchmarkTest -Dbenchmark=true
 * </pre>
 *
 * <p>{@code -Dbenchmark.features="pitchSampleRate=4000;pitchFrameLength=256"} measures another
 * feature configuration.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ExtractionBenchmarkTest {

  @TempDir Path stores;

  @Test
  void extractionSpeed() throws Exception {
    Dataset dataset = DatasetReader.read(List.of(SharedCorpus.dataset("speechocean762")),
        List.of("train", "test"));
    FeatureConfig config = FeatureConfig.defaults().with(overrides(System.getProperty("benchmark.features", "")));
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "Extraction benchmark: speechocean762 train+test, %d files, %s %s, %d cores, features %s%n",
        dataset.utterances().size(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
        cores, config.fingerprint());

    run(dataset, config, cores, "warm-up");
    for (int threads : new int[] {1, cores}) {
      for (int repeat = 1; repeat <= 2; repeat++) {
        run(dataset, config, threads, threads + (threads == 1 ? " thread " : " threads") + " #" + repeat);
      }
    }
    stages(dataset.utterances(), config);
  }

  private static Map<String, String> overrides(String text) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String pair : text.split(";")) {
      if (pair.contains("=")) {
        overrides.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1));
      }
    }
    return overrides;
  }

  private void run(Dataset dataset, FeatureConfig config, int threads, String label) throws Exception {
    Path store = Files.createTempDirectory(stores, "store");
    ExtractionSummary summary = new FeatureExtraction(config, () -> new AudioFeatureExtractor(config),
        threads, false, PipelineLog.SILENT, Duration.ofHours(1)).run(dataset, new FeatureStore(store));
    assertEquals(List.of(), summary.failures());
    System.out.printf(Locale.ROOT, "  %-16s %6.2f h of audio in %6.2f s: %5.0fx real time%n", label,
        summary.audioSeconds() / 3600, summary.wallTime().toNanos() / 1e9, summary.realTimeFactor());
  }

  /** One thread, each stage timed on its own over every file. */
  private static void stages(List<Utterance> utterances, FeatureConfig config) throws Exception {
    AudioDecoder decoder = new AudioDecoder();
    SilenceTrimmer trimmer = SilenceTrimmer.of(config);
    MfccExtractor mfcc = new MfccExtractor(config);
    PitchTracker pitch = new PitchTracker(config);
    UtteranceFeatures features = new UtteranceFeatures(config);
    long[] nanos = new long[6];
    double audioSeconds = 0;
    for (Utterance utterance : utterances) {
      long t0 = System.nanoTime();
      AudioClip clip = decoder.load(utterance.audio(), config.sampleRate());
      long t1 = System.nanoTime();
      float[] signal = clip.samples().clone();
      DcOffsetRemover.removeInPlace(signal);
      signal = trimmer.trim(signal);
      long t2 = System.nanoTime();
      MfccFrames frames = mfcc.extract(signal);
      long t3 = System.nanoTime();
      Deltas.compute(frames.coefficients(), config.deltaWidth());
      long t4 = System.nanoTime();
      pitch.track(signal);
      long t5 = System.nanoTime();
      features.compute(clip.samples());
      long t6 = System.nanoTime();
      nanos[0] += t1 - t0;
      nanos[1] += t2 - t1;
      nanos[2] += t3 - t2;
      nanos[3] += t4 - t3;
      nanos[4] += t5 - t4;
      nanos[5] += (t6 - t5) - (t5 - t1); // the whole vector minus its stages: statistics and copies
      audioSeconds += clip.durationSeconds();
    }
    String[] names = {"decode (+ resample)", "DC offset + trim", "MFCC", "deltas", "pitch", "statistics"};
    long total = 0;
    for (long n : nanos) {
      total += Math.max(0, n);
    }
    System.out.printf(Locale.ROOT, "  one thread, by stage (%.2f h of audio):%n", audioSeconds / 3600);
    for (int i = 0; i < names.length; i++) {
      double seconds = Math.max(0, nanos[i]) / 1e9;
      System.out.printf(Locale.ROOT, "    %-20s %6.2f s  %5.1f%%  %7.0fx real time%n", names[i], seconds,
          100.0 * Math.max(0, nanos[i]) / total, audioSeconds / seconds);
    }
  }
}
