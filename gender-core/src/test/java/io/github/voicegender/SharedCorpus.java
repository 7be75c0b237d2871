package io.github.voicegender;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real speech in {@code ../shared/datasets} beside the repository. Tests that need it skip with
 * a visible reason where it is absent, except in CI ({@code CI=true}), where it must be there.
 */
public final class SharedCorpus {

  private SharedCorpus() {}

  /** The shared datasets directory, or the test is skipped (outside CI) / fails (in CI). */
  public static Path datasets() {
    Path found = null;
    for (Path candidate : new Path[] {Path.of("../shared/datasets"), Path.of("../../shared/datasets")}) {
      if (Files.isDirectory(candidate)) {
        found = candidate.toAbsolutePath().normalize();
        break;
      }
    }
    if (found == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but ../shared/datasets is not beside the repository");
    }
    assumeTrue(found != null, "skipped: the shared corpus ../shared/datasets is not beside the repository");
    return found;
  }

  public static Path dataset(String name) {
    Path dir = datasets().resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new AssertionError("the shared corpus has no " + name + " in " + datasets());
    }
    return dir;
  }
}
