package io.github.voicegender.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;

/**
 * jflac, the FLAC decoder this project used before its own, as the tests' reference: the same
 * file decoded by both must give the same samples, bit for bit. jflac knows no depth above 24
 * bits.
 */
final class JflacReference {

  /** jflac's samples, {@code [channel][sample]}, and the stream's bit depth. */
  record Decoded(int[][] channels, int bitsPerSample, int sampleRate) {

    /** The mono mix exactly as {@link AudioDecoder} computes it. */
    float[] mono() {
      int count = channels[0].length;
      float scale = (float) (1.0 / (channels.length * (double) (1L << (bitsPerSample - 1))));
      float[] out = new float[count];
      for (int i = 0; i < count; i++) {
        long sum = 0;
        for (int[] channel : channels) {
          sum += channel[i];
        }
        out[i] = Math.max(-1f, Math.min(1f, sum * scale));
      }
      return out;
    }
  }

  private JflacReference() {}

  static Decoded decode(byte[] flac) throws IOException {
    FLACDecoder jflac = new FLACDecoder(new ByteArrayInputStream(flac));
    jflac.readMetadata();
    int channelCount = jflac.getStreamInfo().getChannels();
    long total = jflac.getStreamInfo().getTotalSamples();
    List<int[]>[] blocks = new List[channelCount];
    for (int c = 0; c < channelCount; c++) {
      blocks[c] = new ArrayList<>();
    }
    long decoded = 0;
    Frame frame;
    while ((total == 0 || decoded < total) && (frame = jflac.readNextFrame()) != null) {
      int count = (int) (total == 0 ? frame.header.blockSize
          : Math.min(frame.header.blockSize, total - decoded));
      for (int c = 0; c < channelCount; c++) {
        blocks[c].add(Arrays.copyOf(jflac.getChannelData()[c].getOutput(), count));
      }
      decoded += count;
    }
    int[][] channels = new int[channelCount][(int) decoded];
    for (int c = 0; c < channelCount; c++) {
      int at = 0;
      for (int[] block : blocks[c]) {
        System.arraycopy(block, 0, channels[c], at, block.length);
        at += block.length;
      }
    }
    return new Decoded(channels, jflac.getStreamInfo().getBitsPerSample(),
        jflac.getStreamInfo().getSampleRate());
  }
}
