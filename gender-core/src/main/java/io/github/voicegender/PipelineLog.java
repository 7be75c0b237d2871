package io.github.voicegender;

/**
 * Where the core library reports progress and problems. The Maven plugin forwards it to Maven's
 * log; the core itself never prints.
 */
public interface PipelineLog {

  void info(String message);

  void warn(String message);

  default void debug(String message) {}

  /** Discards everything, for callers that do not want to hear. */
  PipelineLog SILENT = new PipelineLog() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {}
  };
}
