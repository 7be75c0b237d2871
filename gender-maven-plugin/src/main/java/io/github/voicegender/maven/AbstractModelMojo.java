package io.github.voicegender.maven;

import io.github.voicegender.model.GenderClassifier;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** Goals that use a trained model: where it comes from, and where their reports go. */
abstract class AbstractModelMojo extends AbstractGenderMojo {

  /**
   * The model: a bundle directory, a bundle zip, a model jar, or Maven coordinates {@code
   * groupId:artifactId:version[:type[:classifier]]} resolved from the local and remote repositories.
   * Default: the project's freshly trained model in {@code gender.modelDir} when there is one, else
   * the pretrained model shipped with the plugin.
   */
  @Parameter(property = "gender.model")
  String model;

  /** Where {@code gender:train} writes the model bundle. */
  @Parameter(property = "gender.modelDir", defaultValue = "${project.build.directory}/gender/model")
  File modelDir;

  /** Where reports are written. */
  @Parameter(property = "gender.outputDir", defaultValue = "${project.build.directory}/gender")
  File outputDir;

  /** Class-path resource of the pretrained bundle zip inside the plugin jar. */
  static final String PRETRAINED_MODEL = "pretrained-model.zip";

  @Component
  RepositorySystem repositorySystem;

  /** A model found on disk, and how to name it in logs and reports. */
  record ResolvedModel(Path location, String description) {
    GenderClassifier open() throws IOException {
      return GenderClassifier.load(location);
    }
  }

  ResolvedModel resolveModel() throws MojoFailureException {
    if (model != null && !model.isBlank()) {
      Path path = executionRoot().resolve(model.strip());
      if (Files.exists(path)) {
        return new ResolvedModel(path, path.toString());
      }
      if (looksLikeCoordinates(model.strip())) {
        return resolveCoordinates(model.strip());
      }
      throw new MojoFailureException("gender.model=" + model + ": no such file or directory ("
          + path + "), and not Maven coordinates groupId:artifactId:version[:type[:classifier]].");
    }
    Path trained = modelDir.toPath();
    if (Files.exists(trained)) {
      return new ResolvedModel(trained, trained.toString());
    }
    Optional<Path> pretrained = pretrainedModel();
    if (pretrained.isPresent()) {
      return new ResolvedModel(pretrained.get(), "the pretrained model shipped with the plugin");
    }
    throw new MojoFailureException("No model at " + trained + ". Train one with gender:train, or point "
        + "gender.model at a bundle directory, a bundle file or Maven coordinates "
        + "groupId:artifactId:version[:type[:classifier]].");
  }

  /** The plugin's own pretrained bundle (see models/MODEL_CARD.md), copied out of the plugin jar. */
  private Optional<Path> pretrainedModel() throws MojoFailureException {
    try (InputStream in = AbstractModelMojo.class.getResourceAsStream(PRETRAINED_MODEL)) {
      if (in == null) {
        return Optional.empty();
      }
      Path copy = Files.createTempFile("voice-gender-pretrained", ".zip");
      copy.toFile().deleteOnExit();
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(copy);
    } catch (IOException e) {
      throw new MojoFailureException("Cannot read the plugin's pretrained model: " + e.getMessage(), e);
    }
  }

  static boolean looksLikeCoordinates(String text) {
    String[] parts = text.split(":");
    if (parts.length < 3 || parts.length > 5) {
      return false;
    }
    for (String part : parts) {
      if (part.isBlank() || part.contains("/") || part.contains("\\")) {
        return false;
      }
    }
    return true;
  }

  private ResolvedModel resolveCoordinates(String coordinates) throws MojoFailureException {
    String[] parts = coordinates.split(":");
    String type = parts.length > 3 ? parts[3] : "jar";
    String classifier = parts.length > 4 ? parts[4] : "";
    DefaultArtifact artifact = new DefaultArtifact(parts[0], parts[1], classifier, type, parts[2]);
    ArtifactRequest request = new ArtifactRequest(artifact,
        project != null ? project.getRemoteProjectRepositories() : null, null);
    try {
      File file = repositorySystem.resolveArtifact(session.getRepositorySession(), request)
          .getArtifact().getFile();
      return new ResolvedModel(file.toPath(), coordinates + " (" + file + ")");
    } catch (ArtifactResolutionException e) {
      throw new MojoFailureException("gender.model=" + coordinates + " could not be resolved: "
          + e.getMessage() + ". Install or deploy the model artifact first (for example mvn install "
          + "in the project that trains it).", e);
    }
  }
}
