package io.github.voicegender.audio;

import java.time.Duration;

/**
 * What one decode may produce: at most {@code maxDuration} of audio and {@link #MAX_SAMPLES}
 * samples, at a sample rate a speech pipeline can use. They guard memory against small files
 * that decode to hours, such as FLAC, which codes digital silence in a few bytes per frame.
 */
record DecodeLimits(Duration maxDuration) {

  static final int MIN_SAMPLE_RATE = 1_000;
  static final int MAX_SAMPLE_RATE = 1_000_000;
  /** 1 GiB of floats: 4.6 hours at 16 kHz, 1.5 hours at 48 kHz. */
  static final long MAX_SAMPLES = 1L << 28;

  long maxSamples(int sampleRate) {
    return Math.min(MAX_SAMPLES, (long) (maxDuration.toMillis() / 1000.0 * sampleRate));
  }

  /** The limit at this rate, for error messages. */
  String describe(int sampleRate) {
    long seconds = maxSamples(sampleRate) / sampleRate;
    return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds + " s";
  }

  static void checkSampleRate(String source, long sampleRate) throws AudioDecodingException {
    if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
      throw new AudioDecodingException(
          source,
          "unsupported sample rate " + sampleRate + " Hz (expected " + MIN_SAMPLE_RATE + " to "
              + MAX_SAMPLE_RATE + ")");
    }
  }
}
