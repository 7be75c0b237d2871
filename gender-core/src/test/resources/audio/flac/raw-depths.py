"""WAV files at 12, 20 and 32 bits for make-flac-fixtures.sh: two tones, in 16-, 24- and 32-bit
containers whose WAVE_FORMAT_EXTENSIBLE header says how many bits are valid (12, 20 and 32),
which is the bit depth flac then encodes. The values sit in the container's top bits, as WAV
wants, so they scale to the same floats as the FLAC samples."""
import math
import struct

RATE = 16000
PCM_GUID = bytes.fromhex("0100000000001000800000aa00389b71")


def write(bits, container, channels, seconds=0.1):
    n = int(RATE * seconds)
    peak = (1 << (bits - 1)) - 1
    width = container // 8
    data = bytearray()
    for i in range(n):
        for c in range(channels):
            v = int(round(0.7 * peak * math.sin(2 * math.pi * (300 + 200 * c) * i / RATE)))
            data += ((v << (container - bits)) & ((1 << container) - 1)).to_bytes(width, "little")
    fmt = struct.pack("<HHIIHHHHI16s", 0xFFFE, channels, RATE, RATE * channels * width,
                      channels * width, container, 22, bits, (1 << channels) - 1, PCM_GUID)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt \
        + b"data" + struct.pack("<I", len(data)) + bytes(data)
    with open(f"depth-{bits}bit.wav", "wb") as out:
        out.write(b"RIFF" + struct.pack("<I", len(body)) + body)


def write_noise(seconds=0.05):
    """Uniform noise over the whole 16-bit range, which no predictor can shrink: VERBATIM."""
    import random
    import wave
    rng = random.Random(762)
    with wave.open("noise-16bit.wav", "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(rng.randrange(-32768, 32768).to_bytes(2, "little", signed=True)
                               for _ in range(int(RATE * seconds))))


write_noise()
write(12, 16, 2)
write(20, 24, 1)
write(32, 32, 2)
