package io.github.voicegender.audio;

import java.time.Duration;

/**
 * What one decode may produce: at most {@code maxDuration} of audio, at a sample rate a speech
 * pipeline can use. Both guard memory against small files that would decode to hours.
 */
record DecodeLimits(Duration maxDuration) {

  static final int MIN_SAMPLE_RATE = 1_000;
  static final int MAX_SAMPLE_RATE = 1_000_000;

  long maxSamples(int sampleRate) {
    return (long) (maxDuration.toMillis() / 1000.0 * sampleRate);
  }

  String describe() {
    long seconds = maxDuration.toSeconds();
    return seconds % 3600 == 0 ? seconds / 3600 + " hours" : seconds + " seconds";
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
