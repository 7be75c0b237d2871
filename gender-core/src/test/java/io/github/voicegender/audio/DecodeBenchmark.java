package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Single-thread decode speed in multiples of real time (audio seconds per wall second) on the
 * speechocean762 training FLAC files, next to jflac's own PCM path as the peer, plus resampling
 * speed. A benchmark, not a test: runs only with
 * {@code ./mvnw -q -B -pl gender-core test -Dtest=DecodeBenchmark -Dbenchmark=true}.
 */
class DecodeBenchmark {

  private static final int ROUNDS = 3;

  @Test
  void decodeSpeed() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "benchmark: pass -Dbenchmark=true");
    List<Path> files = TestAudio.speechoceanTrainFiles();
    List<byte[]> contents = new ArrayList<>();
    for (Path file : files) {
      contents.add(Files.readAllBytes(file));
    }
    AudioDecoder decoder = new AudioDecoder();

    for (int round = 0; round <= ROUNDS; round++) {
      String label = round == 0 ? "warm-up " : "round " + round;
      long start = System.nanoTime();
      double seconds = 0;
      for (Path file : files) {
        seconds += decoder.decode(file).durationSeconds();
      }
      double fromFiles = seconds / elapsed(start);

      start = System.nanoTime();
      for (byte[] content : contents) {
        decoder.decode(content, "bytes");
      }
      double fromMemory = seconds / elapsed(start);

      start = System.nanoTime();
      for (byte[] content : contents) {
        decodeWithJflacPcmPath(content);
      }
      double jflacPcm = seconds / elapsed(start);
      System.out.printf(
          "%s: AudioDecoder %.0fx real time from files, %.0fx from memory; jflac PCM path %.0fx"
              + " (%d files, %.0f s of audio, one thread)%n",
          label, fromFiles, fromMemory, jflacPcm, files.size(), seconds);
      assertTrue(seconds > 0);
    }

    float[] minute = Signals.chirp(100, 7000, 60, 0.5, 44100);
    for (int round = 0; round <= ROUNDS; round++) {
      long start = System.nanoTime();
      Resampler.of(44100, 16000).resample(minute);
      double x44 = 60 / elapsed(start);
      System.out.printf("resampling: 44.1k->16k %.0fx real time%n", x44);
    }
  }

  private static double elapsed(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void decodeWithJflacPcmPath(byte[] flac) throws Exception {
    FLACDecoder jflac = new FLACDecoder(new ByteArrayInputStream(flac));
    float[] sink = new float[1];
    jflac.addPCMProcessor(
        new PCMProcessor() {
          @Override
          public void processStreamInfo(StreamInfo info) {}

          @Override
          public void processPCM(ByteData data) {
            byte[] b = data.getData();
            for (int i = 0; i + 1 < data.getLen(); i += 2) {
              sink[0] += (short) ((b[i] & 0xff) | b[i + 1] << 8) / 32768f;
            }
          }
        });
    jflac.decode();
  }
}
