package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureConfigTest {

  @Test
  void configurationSavedBeforeVoicedOnlyStatisticsKeepsTheOldComputation() {
    // What bundles trained before the parameter existed hold: parsed, it must compute as they did.
    String saved = FeatureConfig.defaults().toJson().replaceAll(",\\s*\"cepstralVoicedOnly\" : true", "");
    assertFalse(saved.contains("cepstralVoicedOnly"), saved);
    FeatureConfig old = FeatureConfig.fromJson(saved);
    assertFalse(old.cepstralVoicedOnly());
    assertEquals(FeatureConfig.defaults().with(Map.of("cepstralVoicedOnly", "false")), old);
    assertNotEquals(FeatureConfig.defaults().fingerprint(), old.fingerprint());
  }

  @Test
  void configurationSavedBeforeFirstCepstralMeanKeepsEveryMean() {
    // The shipped model's configuration has neither parameter: its vector must keep the c1..c19
    // means and the 64-feature layout it was trained on.
    String saved = FeatureConfig.defaults().toJson()
        .replaceAll(",\\s*\"cepstralVoicedOnly\" : true", "")
        .replaceAll(",\\s*\"firstCepstralMean\" : 4", "");
    assertFalse(saved.contains("firstCepstralMean"), saved);
    FeatureConfig old = FeatureConfig.fromJson(saved);
    assertEquals(0, old.firstCepstralMean());
    assertEquals(1, old.firstMean());
    assertEquals(64, old.vectorLength());
    assertEquals(old.vectorLength(), old.featureNames().size());
    assertEquals("mfcc1_mean", old.featureNames().get(0));
    assertEquals("mfcc1_std", old.featureNames().get(19));
    assertEquals(FeatureConfig.defaults().with(Map.of("cepstralVoicedOnly", "false", "firstCepstralMean", "0")), old);
  }

  @Test
  void defaultsLeaveOutTheMeansOfC1ToC3() {
    FeatureConfig defaults = FeatureConfig.defaults();
    assertEquals(4, defaults.firstCepstralMean());
    assertEquals(16, defaults.meanCount());
    assertEquals(16 + 19 + 19 + 5 + 2, defaults.vectorLength());
    List<String> names = defaults.featureNames();
    assertEquals(defaults.vectorLength(), names.size());
    assertEquals("mfcc4_mean", names.get(0));
    assertEquals("mfcc19_mean", names.get(15));
    assertEquals("mfcc1_std", names.get(16));
    assertEquals("delta1_std", names.get(35));
    assertEquals("log2_pitch_p10", names.get(54));
    assertFalse(names.contains("mfcc1_mean") || names.contains("mfcc3_mean"), names.toString());
    // With c0 kept, firstCepstralMean 0 keeps its mean too; 1 leaves it out.
    FeatureConfig withC0 = defaults.with(Map.of("dropC0", "false", "firstCepstralMean", "0"));
    assertEquals("mfcc0_mean", withC0.featureNames().get(0));
    assertEquals(3 * 20 + 7, withC0.vectorLength());
    assertEquals("mfcc1_mean", defaults.with(Map.of("dropC0", "false", "firstCepstralMean", "1"))
        .featureNames().get(0));
  }

  @Test
  void firstCepstralMeanIsValidated() {
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.defaults().with(Map.of("firstCepstralMean", "-1")));
    assertTrue(negative.getMessage().contains("firstCepstralMean"), negative.getMessage());
    IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.defaults().with(Map.of("firstCepstralMean", "20")));
    assertTrue(beyond.getMessage().contains("firstCepstralMean"), beyond.getMessage());
    assertEquals(1, FeatureConfig.defaults().with(Map.of("firstCepstralMean", "19")).meanCount());
  }

  @Test
  void defaultsRoundTripThroughJson() {
    FeatureConfig defaults = FeatureConfig.defaults();
    assertTrue(defaults.cepstralVoicedOnly());
    assertEquals(defaults, FeatureConfig.fromJson(defaults.toJson()));
    FeatureConfig other = defaults.with(Map.of("firstCepstralMean", "2"));
    assertEquals(other, FeatureConfig.fromJson(other.toJson()));
    assertNotEquals(defaults.fingerprint(), other.fingerprint());
  }
}
