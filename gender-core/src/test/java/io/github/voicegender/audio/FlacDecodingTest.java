package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class FlacDecodingTest {

  private final AudioDecoder decoder = new AudioDecoder();

  @Test
  void stereoFlacMatchesTheReferenceWavSampleForSample() throws Exception {
    AudioClip flac = decoder.decode(TestAudio.resource("stereo-44k-16bit.flac"), "s.flac");
    AudioClip wav = decoder.decode(TestAudio.resource("stereo-44k-16bit.wav"), "s.wav");

    assertEquals(44100, flac.sampleRate());
    assertEquals(4410, flac.samples().length);
    assertArrayEquals(wav.samples(), flac.samples());
    // 440 Hz left, 1000 Hz right, each at -6 dBFS: the mono mix holds both at half amplitude.
    double half = 0.5 * Math.pow(10, -6 / 20.0);
    assertEquals(half, Signals.amplitudeAt(flac.samples(), 0, 4410, 440, 44100), 0.01);
    assertEquals(half, Signals.amplitudeAt(flac.samples(), 0, 4410, 1000, 44100), 0.01);
  }

  @Test
  void twentyFourBitMonoFlacMatchesTheReferenceWav() throws Exception {
    AudioClip flac = decoder.decode(TestAudio.resource("mono-8k-24bit.flac"), "m.flac");
    AudioClip wav = decoder.decode(TestAudio.resource("mono-8k-24bit.wav"), "m.wav");

    assertEquals(8000, flac.sampleRate());
    assertEquals(2400, flac.samples().length);
    assertArrayEquals(wav.samples(), flac.samples());
    assertEquals(300, Signals.dominantFrequency(flac.samples(), 0, 2400, 8000), 2);
  }

  @Test
  void skipsAnId3TagInFrontOfFlac() throws Exception {
    byte[] flac = TestAudio.resource("mono-8k-24bit.flac");
    byte[] tagged = new byte[10 + 300 + flac.length];
    tagged[0] = 'I';
    tagged[1] = 'D';
    tagged[2] = '3';
    tagged[3] = 4;
    tagged[8] = 300 >> 7; // syncsafe size: 7 bits per byte
    tagged[9] = 300 & 0x7f;
    System.arraycopy(flac, 0, tagged, 310, flac.length);

    assertArrayEquals(
        decoder.decode(flac, "plain.flac").samples(),
        decoder.decode(tagged, "tagged.flac").samples());
  }

  @Test
  void decodesFilesBytesAndStreamsAlike() throws Exception {
    byte[] flac = TestAudio.resource("stereo-44k-16bit.flac");
    float[] fromBytes = decoder.decode(flac, "s.flac").samples();

    assertArrayEquals(fromBytes, decoder.decode(new ByteArrayInputStream(flac), "s").samples());
  }
}
