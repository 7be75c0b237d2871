package io.github.voicegender.audio;

/**
 * Decodes the subframes of FLAC frames (RFC 9639, sections 9.2 and 9.3) into per-channel sample
 * arrays and undoes the stereo decorrelation. Samples are {@code long}: the side channel of a
 * 32-bit stream has 33 bits, and one type for every depth keeps one code path.
 *
 * <p>Every count read from the stream is checked against the block size before it indexes an
 * array, and the bit reader supplies zeros past the end of the data, so corrupt input ends in a
 * {@link FlacStreamException}, never an index error, and costs at most a few operations per sample
 * of the frame.
 *
 * <p>Not thread-safe: the sample arrays are reused from frame to frame.
 */
final class FlacFrameDecoder {

  private static final int MAX_FIXED_ORDER = 4;
  private static final int LPC_PRECISION_INVALID = 15;
  private static final int UNROLLED_ORDER = 12;

  private final FlacBitReader reader;
  private final int[] coefficients = new int[32];
  /** {@code samples[c][i]}: channel c, sample i of the current frame. */
  private long[][] samples = new long[0][];

  FlacFrameDecoder(FlacBitReader reader) {
    this.reader = reader;
  }

  /** The current frame's channels, valid up to the last header's block size. */
  long[][] samples() {
    return samples;
  }

  /**
   * Decodes the subframes that follow {@code header} (the reader positioned just after it) and
   * leaves the reader at the frame's CRC-16.
   */
  void decode(FlacFrameHeader header) throws FlacStreamException {
    int blockSize = header.blockSize();
    int channels = header.channels();
    if (samples.length < channels || samples[0].length < blockSize) {
      samples = new long[Math.max(channels, samples.length)][blockSize];
    }
    int assignment = header.channelAssignment();
    for (int c = 0; c < channels; c++) {
      // The side channel carries one bit more than the others.
      boolean side = assignment == FlacFrameHeader.LEFT_SIDE && c == 1
          || assignment == FlacFrameHeader.SIDE_RIGHT && c == 0
          || assignment == FlacFrameHeader.MID_SIDE && c == 1;
      subframe(samples[c], blockSize, header.bitsPerSample() + (side ? 1 : 0));
      reader.checkInBounds();
    }
    reader.alignToByte();
    decorrelate(assignment, blockSize);
  }

  private void subframe(long[] out, int blockSize, int bitsPerSample) throws FlacStreamException {
    int head = (int) reader.readUnsigned(8);
    if ((head & 0x80) != 0) {
      throw FlacStreamException.corrupt("subframe padding bit set");
    }
    int type = head >>> 1 & 0x3f;
    int wasted = 0;
    if ((head & 1) != 0) {
      wasted = reader.readUnary() + 1;
      if (wasted >= bitsPerSample) {
        throw FlacStreamException.corrupt("subframe wastes " + wasted + " of " + bitsPerSample + " bits");
      }
    }
    int bits = bitsPerSample - wasted;
    if (type == 0) { // CONSTANT
      java.util.Arrays.fill(out, 0, blockSize, reader.readSigned(bits));
    } else if (type == 1) { // VERBATIM
      warmUp(out, blockSize, bits);
    } else if (type >= 8 && type <= 8 + MAX_FIXED_ORDER) {
      int order = type - 8;
      warmUp(out, checkOrder(order, blockSize), bits);
      residual(out, blockSize, order);
      restoreFixed(out, blockSize, order);
    } else if (type >= 32) {
      int order = type - 31;
      warmUp(out, checkOrder(order, blockSize), bits);
      int precision = (int) reader.readUnsigned(4);
      if (precision == LPC_PRECISION_INVALID) {
        throw FlacStreamException.corrupt("invalid LPC coefficient precision");
      }
      int shift = (int) reader.readSigned(5);
      if (shift < 0) {
        throw FlacStreamException.corrupt("negative LPC shift");
      }
      for (int j = 0; j < order; j++) {
        coefficients[j] = (int) reader.readSigned(precision + 1);
      }
      residual(out, blockSize, order);
      restoreLpc(out, blockSize, order, shift);
    } else {
      throw FlacStreamException.corrupt("reserved subframe type " + type);
    }
    if (wasted > 0) {
      for (int i = 0; i < blockSize; i++) {
        out[i] <<= wasted;
      }
    }
  }

  private static int checkOrder(int order, int blockSize) throws FlacStreamException {
    if (order > blockSize) {
      throw FlacStreamException.corrupt("predictor order " + order + " exceeds block size " + blockSize);
    }
    return order;
  }

  /** The first {@code count} samples, stored as they are (warm-up samples, or a verbatim block). */
  private void warmUp(long[] out, int count, int bits) {
    for (int i = 0; i < count; i++) {
      out[i] = reader.readSigned(bits);
    }
  }

  /** The coded residual (RFC 9639, section 9.2.7) into {@code out[order, blockSize)}. */
  private void residual(long[] out, int blockSize, int order) throws FlacStreamException {
    int method = (int) reader.readUnsigned(2);
    if (method > 1) {
      throw FlacStreamException.corrupt("reserved residual coding method " + method);
    }
    int parameterBits = method == 0 ? 4 : 5;
    int escape = (1 << parameterBits) - 1;
    int partitionOrder = (int) reader.readUnsigned(4);
    int partitionSize = blockSize >>> partitionOrder;
    if (partitionSize << partitionOrder != blockSize || partitionSize < order) {
      throw FlacStreamException.corrupt(
          "residual partition order " + partitionOrder + " does not fit block size " + blockSize);
    }
    int at = order;
    for (int partition = 0; partition < 1 << partitionOrder; partition++) {
      int end = (partition + 1) * partitionSize;
      int parameter = (int) reader.readUnsigned(parameterBits);
      if (parameter == escape) {
        int bits = (int) reader.readUnsigned(5);
        for (; at < end; at++) {
          out[at] = reader.readSigned(bits);
        }
      } else {
        reader.readRice(out, at, end, parameter);
        at = end;
      }
    }
  }

  /** Fixed polynomial predictors of order 0 to 4 (RFC 9639, section 9.2.5), in place. */
  private static void restoreFixed(long[] s, int n, int order) {
    switch (order) {
      case 1 -> {
        for (int i = 1; i < n; i++) {
          s[i] += s[i - 1];
        }
      }
      case 2 -> {
        for (int i = 2; i < n; i++) {
          s[i] += 2 * s[i - 1] - s[i - 2];
        }
      }
      case 3 -> {
        for (int i = 3; i < n; i++) {
          s[i] += 3 * (s[i - 1] - s[i - 2]) + s[i - 3];
        }
      }
      case 4 -> {
        for (int i = 4; i < n; i++) {
          s[i] += 4 * (s[i - 1] + s[i - 3]) - 6 * s[i - 2] - s[i - 4];
        }
      }
      default -> { } // order 0: the residual is the signal
    }
  }

  /**
   * Linear prediction (RFC 9639, section 9.2.6), in place: {@code s[i] += (sum_j c[j] s[i-1-j]) >>
   * shift}, the sum in 64 bits. Orders up to 12 (all that {@code flac -8} uses) run an unrolled
   * twelve-term loop, whose unused coefficients are zero, from the twelfth sample on.
   */
  private void restoreLpc(long[] s, int n, int order, int shift) {
    // The general loop takes the samples before the twelfth (and any order above 12).
    int unrolledFrom = order > UNROLLED_ORDER ? n : Math.min(n, UNROLLED_ORDER);
    restoreLpcAnyOrder(s, order, unrolledFrom, order, shift);
    if (unrolledFrom == n) {
      return;
    }
    int[] c = coefficients;
    long c0 = c[0];
    long c1 = order > 1 ? c[1] : 0;
    long c2 = order > 2 ? c[2] : 0;
    long c3 = order > 3 ? c[3] : 0;
    long c4 = order > 4 ? c[4] : 0;
    long c5 = order > 5 ? c[5] : 0;
    long c6 = order > 6 ? c[6] : 0;
    long c7 = order > 7 ? c[7] : 0;
    long c8 = order > 8 ? c[8] : 0;
    long c9 = order > 9 ? c[9] : 0;
    long c10 = order > 10 ? c[10] : 0;
    long c11 = order > 11 ? c[11] : 0;
    long previous = s[unrolledFrom - 1];
    for (int i = unrolledFrom; i < n; i++) {
      // The newest sample comes last, from a register: the other terms do not wait for the
      // previous iteration, so one multiply-add, not twelve, lies on the chain between samples.
      long older = c11 * s[i - 12] + c10 * s[i - 11] + c9 * s[i - 10] + c8 * s[i - 9]
          + c7 * s[i - 8] + c6 * s[i - 7] + c5 * s[i - 6] + c4 * s[i - 5] + c3 * s[i - 4]
          + c2 * s[i - 3] + c1 * s[i - 2];
      previous = s[i] + (older + c0 * previous >> shift);
      s[i] = previous;
    }
  }

  /** Prediction of {@code s[from, end)} at any order ({@code from >= order}). */
  private void restoreLpcAnyOrder(long[] s, int from, int end, int order, int shift) {
    int[] c = coefficients;
    for (int i = from; i < end; i++) {
      long sum = 0;
      for (int j = 0; j < order; j++) {
        sum += c[j] * s[i - 1 - j];
      }
      s[i] += sum >> shift;
    }
  }

  /** Undoes left/side, side/right and mid/side coding (RFC 9639, section 4.2). */
  private void decorrelate(int assignment, int n) {
    long[] a = samples[0];
    long[] b = samples.length > 1 ? samples[1] : null;
    switch (assignment) {
      case FlacFrameHeader.LEFT_SIDE -> { // a = left, b = side: right = left - side
        for (int i = 0; i < n; i++) {
          b[i] = a[i] - b[i];
        }
      }
      case FlacFrameHeader.SIDE_RIGHT -> { // a = side, b = right: left = side + right
        for (int i = 0; i < n; i++) {
          a[i] += b[i];
        }
      }
      case FlacFrameHeader.MID_SIDE -> {
        for (int i = 0; i < n; i++) {
          long side = b[i];
          long mid = a[i] << 1 | side & 1;
          a[i] = mid + side >> 1;
          b[i] = mid - side >> 1;
        }
      }
      default -> { } // independent channels
    }
  }
}
