package io.github.voicegender.maven;

import io.github.voicegender.PipelineLog;
import org.apache.maven.plugin.logging.Log;

/** Sends the core library's messages to Maven's log. */
final class MavenPipelineLog implements PipelineLog {

  private final Log log;

  MavenPipelineLog(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public void debug(String message) {
    log.debug(message);
  }
}
