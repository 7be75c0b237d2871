package io.github.voicegender.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.cuda.CudaUtils;
import io.github.voicegender.PipelineLog;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Picks the training device for {@code gender.device} ({@code auto|cpu|gpu}) and explains the
 * choice when a GPU is asked for or present but not used: what the engine found (its GPU count,
 * whether it is a CPU-only build), what the CUDA runtime sees, and what to install.
 *
 * <p>A GPU counts as usable only when the engine reports it, the engine's build supports it, and a
 * small computation on it succeeds: a CUDA build that meets a GPU it has no kernels for (MXNet on
 * anything newer than compute capability 8.6) fails at the first operation, and under {@code auto}
 * that must mean training on the CPU, not a failed build.
 */
final class DeviceSelection {

  /** MXNet 1.9.1's CUDA builds carry kernels up to compute capability 8.6 (Ampere). */
  static final int MXNET_MAX_COMPUTE_CAPABILITY = 86;

  private DeviceSelection() {}

  /** What was found, for the messages. */
  record Findings(String engine, String engineVersion, int engineGpus, boolean cudaBuild,
      int machineGpus, String computeCapability, String problem) {

    boolean usable() {
      return engineGpus > 0 && problem == null;
    }

    String describe() {
      StringBuilder text = new StringBuilder();
      text.append("the ").append(engine).append(" engine (").append(engineVersion).append(", ")
          .append(cudaBuild ? "a CUDA build" : "a CPU-only build").append(") finds ").append(engineGpus)
          .append(engineGpus == 1 ? " GPU" : " GPUs").append("; the CUDA runtime sees ");
      if (machineGpus <= 0) {
        text.append("no NVIDIA GPU (none there, or no CUDA driver and runtime that see one)");
      } else {
        text.append(machineGpus).append(machineGpus == 1 ? " GPU" : " GPUs");
        if (computeCapability != null) {
          text.append(" (gpu 0: compute capability ").append(dotted(computeCapability)).append(")");
        }
      }
      if (problem != null) {
        text.append("; ").append(problem);
      }
      return text.toString();
    }
  }

  static Device choose(Engine engine, String choice, PipelineLog log) {
    String wanted = choice == null ? "auto" : choice.strip().toLowerCase(Locale.ROOT);
    if (wanted.equals("cpu")) {
      return Device.cpu();
    }
    Findings found = find(engine);
    if (found.usable()) {
      return Device.gpu(0);
    }
    if (wanted.equals("gpu")) {
      throw new IllegalArgumentException("gender.device=gpu, but the " + found.engine()
          + " engine finds no GPU it can use: " + found.describe() + ". " + howToGetAGpu(found.engine())
          + " Or use gender.device=auto (a GPU when usable, else the CPU) or gender.device=cpu.");
    }
    if (found.engineGpus() > 0 || found.machineGpus() > 0) {
      // A GPU is there but this engine cannot use it: say so once, then train on the CPU.
      log.warn("Training on the CPU: a GPU is present but not usable: " + found.describe() + ". "
          + howToGetAGpu(found.engine()));
    }
    return Device.cpu();
  }

  static Findings find(Engine engine) {
    String name = engine.getEngineName();
    int engineGpus = safely(engine::getGpuCount, 0);
    boolean cudaBuild = safely(() -> engine.hasCapability(StandardCapabilities.CUDA), false);
    // DJL's own CUDA probe (the runtime library through JNA), independent of the engine's build.
    int machineGpus = safely(CudaUtils::getGpuCount, 0);
    String capability = machineGpus > 0 ? safely(() -> CudaUtils.getComputeCapability(0), null) : null;
    String problem = null;
    if (engineGpus > 0 && "MXNet".equals(name) && capability != null
        && parse(capability) > MXNET_MAX_COMPUTE_CAPABILITY) {
      problem = "MXNet 1.9.1 has GPU kernels up to compute capability 8.6 only, this GPU is "
          + dotted(capability);
    } else if (engineGpus > 0) {
      problem = probe(engine);
    }
    return new Findings(name, safely(engine::getVersion, "?"), engineGpus, cudaBuild, machineGpus,
        capability, problem);
  }

  /** Null when a small computation on gpu(0) gives the right answer, else what went wrong. */
  private static String probe(Engine engine) {
    try (NDManager manager = engine.newBaseManager(Device.gpu(0))) {
      NDArray x = manager.create(new float[] {1, 2, 3});
      float sum = x.mul(2).sum().toFloatArray()[0];
      return sum == 12f ? null : "a test computation on gpu(0) gave " + sum + " instead of 12";
    } catch (RuntimeException | LinkageError e) {
      return "a test computation on gpu(0) failed (" + e.getMessage() + ")";
    }
  }

  /** What to install for a GPU with this engine: Maven Central has no current CUDA build of either. */
  static String howToGetAGpu(String engine) {
    if ("PyTorch".equals(engine)) {
      return "For an NVIDIA GPU with PyTorch, replace the CPU natives: Maven Central's CUDA build is "
          + "ai.djl.pytorch:pytorch-native-cu124:2.5.1:linux-x86_64 with ai.djl.pytorch:pytorch-jni:2.5.1-0.32.0, "
          + "which belong to an older DJL (0.32.0: ai.djl:api and ai.djl.pytorch:pytorch-engine 0.32.0, "
          + "not this build's 0.36.0); there is no CUDA build of PyTorch 2.7.1 on Maven Central (DJL "
          + "downloads one only when allowed online, ai.djl.offline=false). See the README, gender:train.";
    }
    if ("MXNet".equals(engine)) {
      return "MXNet's CUDA natives are not on Maven Central (DJL downloads them only online) and stop "
          + "at compute capability 8.6; for a GPU use gender.engine=PyTorch with its CUDA natives "
          + "(see the README, gender:train).";
    }
    return "The " + engine + " engine needs a CUDA build of its natives and an NVIDIA driver.";
  }

  /** {@code "86"} as {@code "8.6"}, the way NVIDIA writes it. */
  static String dotted(String capability) {
    String c = capability.strip();
    return c.length() >= 2 && c.chars().allMatch(Character::isDigit)
        ? c.substring(0, c.length() - 1) + "." + c.substring(c.length() - 1) : c;
  }

  private static int parse(String capability) {
    try {
      return Integer.parseInt(capability.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static <T> T safely(Supplier<T> probe, T otherwise) {
    try {
      T value = probe.get();
      return value == null ? otherwise : value;
    } catch (RuntimeException | LinkageError e) {
      return otherwise;
    }
  }
}
