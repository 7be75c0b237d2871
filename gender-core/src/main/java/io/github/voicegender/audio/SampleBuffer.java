package io.github.voicegender.audio;

import java.util.Arrays;

/**
 * Growable mono sample store for a decoder. Capacity starts from what the input can really hold
 * and grows as data arrives, so a header that lies about its length cannot make us allocate for
 * the lie.
 */
final class SampleBuffer {

  private final String source;
  private final long maxSamples;
  private final String limitDescription;
  private float[] samples;
  private int size;

  /**
   * @param initialCapacity a guess from the input's real size; clamped to {@code maxSamples}
   * @param maxSamples more samples than this is an error
   * @param limitDescription how the limit reads in an error message, e.g. "4 h"
   */
  SampleBuffer(String source, long initialCapacity, long maxSamples, String limitDescription) {
    this.source = source;
    this.maxSamples = Math.min(maxSamples, Integer.MAX_VALUE - 8);
    this.limitDescription = limitDescription;
    this.samples = new float[(int) Math.max(0, Math.min(initialCapacity, this.maxSamples))];
  }

  /** Returns the backing array after making room for {@code count} more samples at {@link #size()}. */
  float[] reserve(int count) throws AudioDecodingException {
    long needed = (long) size + count;
    if (needed > maxSamples) {
      throw new AudioDecodingException(
          source, "longer than the maximum decodable duration of " + limitDescription);
    }
    if (needed > samples.length) {
      long grown = Math.max(needed, Math.max(4096L, 2L * samples.length));
      samples = Arrays.copyOf(samples, (int) Math.min(grown, maxSamples));
    }
    return samples;
  }

  void advance(int count) {
    size += count;
  }

  int size() {
    return size;
  }

  /** The samples written so far; the backing array itself when it is exactly full. */
  float[] toArray() {
    return size == samples.length ? samples : Arrays.copyOf(samples, size);
  }
}
