package io.github.voicegender;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A PipelineLog that keeps what it is told, for tests to assert on. */
public final class RecordingLog implements PipelineLog {

  public final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  public final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }
}
