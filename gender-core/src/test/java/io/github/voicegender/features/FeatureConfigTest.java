package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void defaultsRoundTripThroughJson() {
    FeatureConfig defaults = FeatureConfig.defaults();
    assertTrue(defaults.cepstralVoicedOnly());
    assertEquals(defaults, FeatureConfig.fromJson(defaults.toJson()));
  }
}
