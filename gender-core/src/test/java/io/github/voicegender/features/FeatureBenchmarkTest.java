package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import be.tarsos.dsp.pitch.FastYin;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Single-thread speed of the frame-level DSP, in multiples of real time (audio seconds per CPU
 * second of this thread), on 60 s of a synthetic speech-like signal, after warm-up. Not a timed
 * test: it asserts nothing about speed, it prints. Run with
 *
 * <pre>
 *   ./mvnw -q -B -pl gender-core test -Dtest=FeatureBenchmarkTest -Dbenchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class FeatureBenchmarkTest {

  private static final int SR = 16000;
  private static final int SECONDS = 60;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void speedInMultiplesOfRealTime() {
    FeatureConfig config = FeatureConfig.defaults();
    float[] signal = SyntheticSpeech.signal(SECONDS, 11);
    MfccExtractor mfcc = new MfccExtractor(config);
    PitchTracker yin = new PitchTracker(PitchTrackerTest.config("YIN"));
    PitchTracker mpm = new PitchTracker(PitchTrackerTest.config("MPM"));
    Decimator halve = new Decimator(2);
    float[] half = new float[halve.outputLength(signal.length)];
    float[][] coefficients = mfcc.extract(signal).coefficients();
    FastYin tarsosFastYin = new FastYin(8000, 512, 0.2);

    System.out.printf("Feature DSP benchmark: %d s of speech-like audio at %d Hz, one thread (%s, %s)%n",
        SECONDS, SR, System.getProperty("java.vm.name"), System.getProperty("java.version"));
    report("MFCC (frames, window, FFT, mel, log, DCT)", () -> mfcc.extract(signal));
    report("deltas (width 2)", () -> Deltas.compute(coefficients, 2));
    report("decimation 16k -> 8k", () -> {
      halve.decimate(signal, half);
      return half;
    });
    float[] pitch = yin.track(signal);
    report("pitch YIN (decimation + YinDetector)", () -> yin.track(signal));
    report("pitch MPM (decimation + TarsosDSP McLeod)", () -> mpm.track(signal));
    report("TarsosDSP FastYin alone, same frames (for comparison)", () -> {
      float[] frame = new float[512];
      float sum = 0;
      for (int t = 0; t + 512 <= half.length; t += 160) {
        System.arraycopy(half, t, frame, 0, 512);
        sum += tarsosFastYin.getPitch(frame).getPitch();
      }
      return sum;
    });
    report("MFCC + deltas + pitch YIN together", () -> {
      MfccFrames frames = mfcc.extract(signal);
      Deltas.compute(frames.coefficients(), 2);
      return yin.track(signal);
    });
    System.out.printf("  (YIN voiced fraction on this signal: %.2f)%n",
        PitchTrackerTest.voicedFraction(pitch));
    assertTrue(pitch.length > 0);
  }

  private static void report(String what, Supplier<Object> work) {
    Object sink = null;
    long warmUntil = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      sink = work.get();
    }
    int runs = 7;
    double[] cpu = new double[runs];
    double[] wall = new double[runs];
    for (int r = 0; r < runs; r++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      sink = work.get();
      cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
      wall[r] = (System.nanoTime() - w0) / 1e9;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    double medianCpu = cpu[runs / 2];
    // Thread CPU time, not wall time: other processes on the machine inflate the wall time. The
    // best run is the least disturbed one; the median shows how much the machine got in the way.
    System.out.printf("  %-55s best %6.0fx real time (%5.1f us per audio second), median %6.0fx, wall median %6.0fx%n",
        what, SECONDS / cpu[0], cpu[0] * 1e6 / SECONDS, SECONDS / medianCpu,
        SECONDS / wall[runs / 2]);
    if (sink == null) {
      throw new IllegalStateException();
    }
  }
}
