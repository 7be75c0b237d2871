package io.github.voicegender.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Every parameter of feature extraction, in one place. It is saved beside the features and inside
 * every model bundle, so a model is never fed features computed another way.
 *
 * <p>The defaults aim at features that describe the voice, not the recording: MFCC c0 (overall
 * level) is left out, silence is trimmed and quiet frames are left out of the statistics, and the
 * pitch is summarised on a log scale.
 *
 * @param sampleRate all audio is down-mixed and resampled to this rate first (Hz); default 16000
 * @param removeDcOffset subtract the mean of the signal before anything else; default true
 * @param trimSilence cut leading and trailing silence, like {@code librosa.effects.trim}; default true
 * @param trimTopDb frames quieter than this many dB below the loudest frame count as silence when
 *     trimming; default 40
 * @param trimFrameLength RMS frame length for trimming (samples); default 1024
 * @param trimHopLength RMS hop for trimming (samples); default 256
 * @param frameLength analysis frame for MFCC (samples); default 400 (25 ms at 16 kHz)
 * @param hopLength hop between MFCC frames (samples); default 160 (10 ms)
 * @param fftSize FFT size, at least frameLength, power of two; default 512
 * @param melBands number of triangular mel filters (HTK mel scale, unnormalised); default 40
 * @param melMinHz lowest filter edge (Hz); default 20
 * @param melMaxHz highest filter edge (Hz); default 3400, the telephone band: everything a voice
 *     needs for its gender lies below it, and features above it would change with the recording's
 *     sample rate (an 8 kHz recording has nothing there; resampling filters the top of the band)
 * @param mfccCount cepstral coefficients computed, c0 included (DCT-II, orthonormal); default 20
 * @param dropC0 leave c0 (overall level) out of the vector; default true
 * @param deltaWidth half-width N of the delta regression window (2N+1 frames); default 2
 * @param activeFrameTopDb frames more than this many dB below the loudest frame are left out of
 *     the MFCC statistics (pauses inside an utterance); default 40
 * @param pitchAlgorithm {@code YIN} (TarsosDSP FastYin) or {@code MPM}; default YIN
 * @param pitchMinHz lowest pitch accepted as voiced (Hz); default 60
 * @param pitchMaxHz highest pitch accepted as voiced (Hz); default 400
 * @param pitchSampleRate the pitch tracker runs on audio decimated to this rate (Hz), which keeps it
 *     cheap; voices stay far below its Nyquist frequency; default 8000
 * @param pitchFrameLength pitch analysis window at pitchSampleRate (samples); default 512
 * @param pitchHopLength hop between pitch frames at pitchSampleRate (samples); default 160 (20 ms)
 * @param pitchThreshold YIN threshold, or MPM clarity threshold mapped by the detector; default 0.2
 * @param pitchPercentiles percentiles of voiced log-pitch put in the vector; default 10, 25, 50, 75, 90
 * @param cepstralVoicedOnly compute the MFCC statistics over voiced active frames only (those whose
 *     nearest pitch frame has a pitch), so that the spectral envelope describes the vocal tract in
 *     vowels rather than a mix with fricatives, breath and noise; default true. False gives the
 *     statistics over every active frame, as feature format 2 computed them before this parameter
 *     existed (a configuration saved without it reads as false); with fewer than 10 voiced active
 *     frames the statistics fall back to every active frame
 * @param firstCepstralMean the lowest cepstral coefficient whose mean over the utterance goes in
 *     the vector; default 4. The means of the coefficients below it (c1 to c3 by default) describe
 *     the broad shape and tilt of the long-term spectrum, which the microphone and the channel
 *     colour as much as the voice does: a fixed filter adds a constant to every frame's cepstrum,
 *     so it moves the means and leaves standard deviations and deltas unchanged. Their standard
 *     deviations and delta deviations stay in the vector. Trained on one corpus and tested on the
 *     other, leaving out c1 to c3 means raised the worst of three train/test settings (see {@code
 *     docs/tuning.md}). 0 or 1 keeps every mean from the first coefficient in the vector (c1 when
 *     c0 is dropped, else c0), as before this parameter existed: a configuration saved without it
 *     reads as 0. Must be below mfccCount
 */
public record FeatureConfig(
    int sampleRate,
    boolean removeDcOffset,
    boolean trimSilence,
    double trimTopDb,
    int trimFrameLength,
    int trimHopLength,
    int frameLength,
    int hopLength,
    int fftSize,
    int melBands,
    double melMinHz,
    double melMaxHz,
    int mfccCount,
    boolean dropC0,
    int deltaWidth,
    double activeFrameTopDb,
    String pitchAlgorithm,
    double pitchMinHz,
    double pitchMaxHz,
    int pitchSampleRate,
    int pitchFrameLength,
    int pitchHopLength,
    double pitchThreshold,
    List<Double> pitchPercentiles,
    boolean cepstralVoicedOnly,
    int firstCepstralMean) {

  /** Bumped whenever the meaning of a vector changes for the same parameters. */
  public static final int FORMAT_VERSION = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public FeatureConfig {
    pitchPercentiles = List.copyOf(pitchPercentiles);
    validate(sampleRate > 0, "sampleRate must be positive");
    validate(trimTopDb > 0, "trimTopDb must be positive");
    validate(trimFrameLength > 0 && trimHopLength > 0, "trim frame and hop must be positive");
    validate(frameLength > 0 && hopLength > 0, "frameLength and hopLength must be positive");
    validate(Integer.bitCount(fftSize) == 1 && fftSize >= frameLength,
        "fftSize must be a power of two, at least frameLength");
    validate(melBands > 0, "melBands must be positive");
    validate(melMinHz >= 0 && melMinHz < melMaxHz && melMaxHz <= sampleRate / 2.0,
        "mel range must satisfy 0 <= melMinHz < melMaxHz <= sampleRate/2");
    validate(mfccCount > (dropC0 ? 1 : 0) && mfccCount <= melBands,
        "mfccCount must be in 1..melBands (at least 2 when c0 is dropped)");
    validate(deltaWidth >= 1, "deltaWidth must be at least 1");
    validate(activeFrameTopDb > 0, "activeFrameTopDb must be positive");
    validate("YIN".equals(pitchAlgorithm) || "MPM".equals(pitchAlgorithm),
        "pitchAlgorithm must be YIN or MPM");
    validate(pitchMinHz > 0 && pitchMinHz < pitchMaxHz && pitchMaxHz < pitchSampleRate / 2.0,
        "pitch range must satisfy 0 < pitchMinHz < pitchMaxHz < pitchSampleRate/2");
    validate(sampleRate % pitchSampleRate == 0, "pitchSampleRate must divide sampleRate");
    validate(pitchFrameLength >= 2 * pitchSampleRate / pitchMinHz,
        "pitchFrameLength must hold two periods of pitchMinHz");
    validate(pitchHopLength > 0, "pitchHopLength must be positive");
    validate(!pitchPercentiles.isEmpty(), "pitchPercentiles must not be empty");
    validate(firstCepstralMean >= 0 && firstCepstralMean < mfccCount,
        "firstCepstralMean must be in 0..mfccCount-1");
  }

  private static void validate(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("Invalid feature configuration: " + message);
    }
  }

  /** The documented defaults. */
  public static FeatureConfig defaults() {
    return new FeatureConfig(16000, true, true, 40, 1024, 256, 400, 160, 512, 40, 20, 3400, 20,
        true, 2, 40, "YIN", 60, 400, 8000, 512, 160, 0.2, List.of(10.0, 25.0, 50.0, 75.0, 90.0),
        true, 4);
  }

  /**
   * A copy with some parameters changed, named as the record's components (for example {@code
   * trimTopDb=30}); values are parsed from text.
   *
   * @throws IllegalArgumentException naming the parameter when a name is unknown or a value invalid
   */
  public FeatureConfig with(Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return this;
    }
    Map<String, Object> fields = JSON.convertValue(this, new TypeReference<Map<String, Object>>() {});
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      String name = override.getKey().strip();
      if (!fields.containsKey(name)) {
        throw new IllegalArgumentException("Unknown feature parameter '" + name + "'; known: "
            + String.join(", ", fields.keySet()));
      }
      String value = override.getValue().strip();
      fields.put(name, name.equals("pitchPercentiles")
          ? Arrays.stream(value.split(",")).map(String::strip).map(Double::valueOf).toList() : value);
    }
    try {
      return JSON.convertValue(fields, FeatureConfig.class);
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause() != null && e.getCause().getCause() instanceof IllegalArgumentException
          ? e.getCause().getCause() : e;
      throw new IllegalArgumentException("Invalid feature parameters " + overrides + ": "
          + cause.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** Number of cepstral coefficients that appear in the vector (c0 excluded when dropped). */
  public int cepstralCount() {
    return dropC0 ? mfccCount - 1 : mfccCount;
  }

  /** The first cepstral coefficient in the vector: 1 when c0 is dropped, else 0. */
  public int firstCepstral() {
    return dropC0 ? 1 : 0;
  }

  /**
   * The first cepstral coefficient whose mean is in the vector: {@code firstCepstralMean}, or
   * {@link #firstCepstral()} when that is lower.
   */
  public int firstMean() {
    return Math.max(firstCepstralMean, firstCepstral());
  }

  /** Number of MFCC means in the vector (from {@link #firstMean()} to mfccCount - 1). */
  public int meanCount() {
    return mfccCount - firstMean();
  }

  /**
   * Names of the vector's components, in order: MFCC means (from {@link #firstMean()}), MFCC
   * standard deviations, delta standard deviations (from {@link #firstCepstral()}), voiced
   * log2-pitch percentiles, pitch spread in semitones, voiced fraction.
   */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (int c = firstMean(); c < mfccCount; c++) {
      names.add(String.format("mfcc%d_mean", c));
    }
    for (String stat : List.of("mfcc%d_std", "delta%d_std")) {
      for (int c = firstCepstral(); c < mfccCount; c++) {
        names.add(String.format(stat, c));
      }
    }
    for (double p : pitchPercentiles) {
      names.add(String.format("log2_pitch_p%s", formatPercentile(p)));
    }
    names.add("pitch_std_semitones");
    names.add("voiced_fraction");
    return List.copyOf(names);
  }

  public int vectorLength() {
    return meanCount() + 2 * cepstralCount() + pitchPercentiles.size() + 2;
  }

  private static String formatPercentile(double p) {
    return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p).replace('.', '_');
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Feature configuration cannot be written as JSON", e);
    }
  }

  public static FeatureConfig fromJson(String json) {
    try {
      return JSON.readValue(json, FeatureConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a valid feature configuration: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A short hash of the configuration and {@link #FORMAT_VERSION}: features computed under another
   * fingerprint are never mixed with these.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("v" + FORMAT_VERSION + "\n" + toJson()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
