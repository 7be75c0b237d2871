package io.github.voicegender;

import java.util.Arrays;
import java.util.Random;

/** Damages a valid file the ways fuzz tests need: bit flips, truncation, odd bytes, deleted ranges. */
public final class Mutations {

  private Mutations() {}

  /**
   * One to three mutations of a copy of {@code valid}.
   *
   * @param special bytes that mean something to the format under test (separators, line breaks)
   * @param maxDeleted the longest range a deletion removes
   */
  public static byte[] mutate(byte[] valid, Random random, byte[] special, int maxDeleted) {
    byte[] data = valid.clone();
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && data.length > 0; m++) {
      int at = random.nextInt(data.length);
      switch (random.nextInt(5)) {
        case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> data = Arrays.copyOf(data, random.nextInt(data.length));
        case 2 -> data[at] = special[random.nextInt(special.length)];
        case 3 -> data[at] = (byte) random.nextInt();
        default -> {
          int length = Math.min(data.length - at, 1 + random.nextInt(maxDeleted));
          byte[] shorter = new byte[data.length - length];
          System.arraycopy(data, 0, shorter, 0, at);
          System.arraycopy(data, at + length, shorter, at, data.length - at - length);
          data = shorter;
        }
      }
    }
    return data;
  }
}
