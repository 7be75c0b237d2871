package io.github.voicegender.model;

/**
 * Keeps DJL's and the native engine's chatter (library loading, CUDA probes) out of a normal run's
 * log. DJL logs through SLF4J; both slf4j-simple and Maven's logger read per-logger levels from
 * these system properties when a logger is first created, so this must run before any DJL class
 * logs. A level the user set is left alone.
 */
final class QuietEngine {

  private static final String[] PROPERTIES = {"org.slf4j.simpleLogger.log.ai.djl"};

  private QuietEngine() {}

  static synchronized void apply() {
    for (String property : PROPERTIES) {
      if (System.getProperty(property) == null) {
        // "error": the GPU probe logs "Failed to detect GPU count" as a warning on every machine with
        // a CUDA runtime and no GPU; real failures reach the user as exceptions with our message.
        System.setProperty(property, "error");
      }
    }
    if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
      // The engine's natives come from Maven Central with the build; never download at run time.
      System.setProperty("ai.djl.offline", "true");
    }
  }
}
