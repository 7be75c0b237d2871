package io.github.voicegender.web;

import io.github.voicegender.audio.AudioClip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes a clip as 16-bit PCM mono WAV, the format every browser plays and the page records. */
public final class WavEncoder {

  private static final int HEADER_BYTES = 44;

  private WavEncoder() {}

  public static byte[] encode16BitMono(AudioClip clip) {
    float[] samples = clip.samples();
    int dataBytes = samples.length * 2;
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + dataBytes).put(new byte[] {'W', 'A', 'V', 'E'});
    out.put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
        .putShort((short) 1) // PCM
        .putShort((short) 1) // mono
        .putInt(clip.sampleRate())
        .putInt(clip.sampleRate() * 2)
        .putShort((short) 2)
        .putShort((short) 16);
    out.put(new byte[] {'d', 'a', 't', 'a'}).putInt(dataBytes);
    for (float sample : samples) {
      float clipped = Math.max(-1f, Math.min(1f, sample));
      out.putShort((short) Math.round(clipped * 32767f));
    }
    return out.array();
  }
}
