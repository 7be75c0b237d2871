package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FLAC decoder on small files made by the reference encoder (see {@code
 * audio/flac/make-flac-fixtures.sh}), one per feature of the format: each must decode to exactly
 * the samples of the WAV it was encoded from (up to the rounding of a mix of 3, 5, 6 or 7
 * channels), and bit for bit to what jflac decodes (at the depths jflac knows).
 */
class FlacFixturesTest {

  private final AudioDecoder decoder = new AudioDecoder();

  @ParameterizedTest
  @ValueSource(strings = {
    "mono-16k-16bit-level0", "mono-16k-16bit-level8", "mono-48k-16bit-lpc32",
    "noise-16bit", "noise-24bit", "noise-quiet-24bit", "mono-8k-8bit", "stereo-11k-8bit",
    "stereo-44k-24bit", "stereo-same", "stereo-left-only", "stereo-right-only",
    "stereo-left-half", "stereo-right-half", "stereo-different", "stereo-independent",
    "block-192", "block-1152", "block-4608", "block-100", "block-1000", "block-16384",
    "wasted-bits", "channels-3", "channels-4", "channels-5", "channels-6", "channels-7",
    "channels-8", "depth-12bit", "depth-20bit", "depth-32bit", "variable-blocksize"})
  void decodesToTheSamplesItWasEncodedFrom(String name) throws Exception {
    byte[] flac = resource(name + ".flac");
    AudioClip clip = decoder.decode(flac, name + ".flac");
    AudioClip wav = decoder.decode(resource(name + ".wav"), name + ".wav");

    assertEquals(wav.sampleRate(), clip.sampleRate(), name);
    assertTrue(clip.samples().length > 0, name);
    // The WAV decoder averages channels in another order: a 3-channel mix may round differently.
    assertArrayEquals(wav.samples(), clip.samples(), 1e-6f, name);
    if (!name.equals("depth-32bit")) {
      JflacReference.Decoded reference = JflacReference.decode(flac);
      assertArrayEquals(reference.mono(), clip.samples(), name + " vs jflac");
    }
  }

  @Test
  void theFixturesCoverEveryStereoModeAndBlockSizeCode() throws Exception {
    Set<Integer> assignments = new TreeSet<>();
    for (String name : new String[] {"stereo-same", "stereo-left-half", "stereo-right-half",
        "stereo-44k-24bit", "stereo-independent"}) {
      for (FlacFrameHeader header : headers(name)) {
        assignments.add(header.channelAssignment());
      }
    }
    assertEquals(Set.of(1, FlacFrameHeader.LEFT_SIDE, FlacFrameHeader.SIDE_RIGHT,
        FlacFrameHeader.MID_SIDE), assignments);
    Set<Integer> blockSizes = new TreeSet<>();
    for (FlacFrameHeader header : headers("variable-blocksize")) {
      blockSizes.add(header.blockSize());
    }
    assertEquals(Set.of(192, 576, 1152), blockSizes);
  }

  @Test
  void aFlippedBitInAFrameIsACrcErrorNamingTheFrame() {
    byte[] flac = resource("mono-16k-16bit-level0.flac");
    byte[] corrupt = flac.clone();
    corrupt[corrupt.length - 100] ^= 0x10; // inside the last frame's residual

    AudioDecodingException e = assertThrows(AudioDecodingException.class,
        () -> decoder.decode(corrupt, "flipped.flac"));
    assertEquals("flipped.flac", e.source());
    assertTrue(e.reason().matches("corrupt FLAC frame 3 at sample 3456 \\(.*\\)"), e.reason());
  }

  @Test
  void dataCutShortKeepsTheCompleteFrames() throws Exception {
    byte[] flac = resource("mono-16k-16bit-level0.flac");
    float[] whole = decoder.decode(flac, "whole.flac").samples();

    float[] cut = decoder.decode(Arrays.copyOf(flac, flac.length - 100), "cut.flac").samples();
    assertEquals(3 * 1152, cut.length);
    assertArrayEquals(Arrays.copyOf(whole, cut.length), cut);
  }

  /** Every frame header in a fixture, found by its sync code and checked by its CRC-8. */
  private static Iterable<FlacFrameHeader> headers(String name) {
    byte[] data = resource(name + ".flac");
    FlacStreamInfo info = FlacStreamInfo.parse(Arrays.copyOfRange(data, 8, 8 + FlacStreamInfo.LENGTH));
    java.util.List<FlacFrameHeader> headers = new java.util.ArrayList<>();
    for (int at = 8 + FlacStreamInfo.LENGTH; at < data.length; at++) {
      if (FlacFrameHeader.syncAt(data, at, data.length)) {
        try {
          headers.add(FlacFrameHeader.parse(data, at, data.length, info));
        } catch (FlacStreamException e) {
          // a sync pattern inside the audio data
        }
      }
    }
    assertTrue(!headers.isEmpty(), name);
    return headers;
  }

  private static byte[] resource(String name) {
    return TestAudio.resource("flac/" + name);
  }
}
