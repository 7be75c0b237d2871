"""Splices two fixed-block-size encodings of one signal (block size b and 2b) into a variable
block size stream: alternately 2b samples from each, every frame header rewritten to the
variable-blocking form (blocking bit set, sample number instead of frame number) with its CRC-8
and the frame's CRC-16 recomputed. Usage: splice.py small.flac large.flac out.flac"""
import sys


def crc(data, poly, width):
    top, mask, value = 1 << (width - 1), (1 << width) - 1, 0
    for byte in data:
        value ^= byte << (width - 8)
        for _ in range(8):
            value = ((value << 1) ^ poly) & mask if value & top else (value << 1) & mask
    return value


def coded_number(v):
    if v < 0x80:
        return bytes([v])
    for extra in range(1, 7):
        if v < 1 << (6 - extra + 6 * extra):
            break
    out = [0x80 | ((v >> (6 * i)) & 0x3f) for i in range(extra)][::-1]
    lead = (0xff << (7 - extra)) & 0xff | (v >> (6 * extra))
    return bytes([lead] + out)


def split(path):
    data = open(path, "rb").read()
    at = 4
    while True:
        last, length = data[at] & 0x80, int.from_bytes(data[at + 1:at + 4], "big")
        at += 4 + length
        if last:
            break
    head, frames, start = data[:at], [], at
    # A frame ends where the bytes so far match the CRC-16 that follows them and a frame (or the
    # end of the file) starts.
    for end in range(start + 4, len(data) + 1):
        if (end == len(data) or data[end] == 0xff and data[end + 1] & 0xfe == 0xf8) \
                and crc(data[start:end - 2], 0x8005, 16) == int.from_bytes(data[end - 2:end], "big"):
            frames.append(data[start:end])
            start = end
    return head, frames


def header_length(frame):
    first = frame[4]
    extra = 0 if first < 0x80 else bin(first).index("0", 2) - 3
    n = 5 + extra
    n += {6: 1, 7: 2}.get(frame[2] >> 4, 0)
    n += {12: 1, 13: 2, 14: 2}.get(frame[2] & 0x0f, 0)
    return n  # without the CRC-8


def block_size(frame):
    code, n = frame[2] >> 4, 5 + (0 if frame[4] < 0x80 else bin(frame[4]).index("0", 2) - 3)
    if code == 1:
        return 192
    if code <= 5:
        return 576 << (code - 2)
    if code == 6:
        return frame[n] + 1
    if code == 7:
        return int.from_bytes(frame[n:n + 2], "big") + 1
    return 256 << (code - 8)


head_a, small = split(sys.argv[1])
_, large = split(sys.argv[2])
out, sample, k = bytearray(head_a), 0, 0
si = 8  # STREAMINFO body: min and max block size, min and max frame size (0: unknown)
out[si:si + 10] = (block_size(small[0]).to_bytes(2, "big") + block_size(large[0]).to_bytes(2, "big")
                   + bytes(6))
while k < len(large):
    chosen = small[2 * k:2 * k + 2] if k % 2 == 0 else [large[k]]
    for frame in chosen:
        n = header_length(frame)
        # Keep the block-size and sample-rate bytes that follow the coded number.
        old_extra = 0 if frame[4] < 0x80 else bin(frame[4]).index("0", 2) - 3
        header = bytearray(frame[:4]) + coded_number(sample) + frame[5 + old_extra:n]
        header[1] |= 0x01
        header.append(crc(header, 0x07, 8))
        body = header + frame[n + 1:-2]
        out += body + crc(body, 0x8005, 16).to_bytes(2, "big")
        sample += block_size(frame)
    k += 1
open(sys.argv[3], "wb").write(bytes(out))
