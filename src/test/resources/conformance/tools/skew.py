#!/usr/bin/env python3
"""skew.py IN.pcap OUT.pcap OFFSET_S PPM: every timestamp t of a nanosecond pcap becomes
t + OFFSET_S + PPM * 1e-6 * (t - t0), t0 the first packet's: a capture host clock set off and running fast."""
import struct, sys
src, dst, off, ppm = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
data = open(src, 'rb').read()
magic = struct.unpack('<I', data[:4])[0]
assert magic == 0xa1b23c4d, 'needs a little-endian nanosecond pcap (editcap -F nsecpcap)'
out = bytearray(data[:24])
pos, t0 = 24, None
while pos + 16 <= len(data):
    sec, nsec, incl, orig = struct.unpack('<IIII', data[pos:pos + 16])
    t = sec * 1_000_000_000 + nsec
    if t0 is None:
        t0 = t
    t2 = t + round(off * 1e9) + round(ppm * 1e-6 * (t - t0))
    out += struct.pack('<IIII', t2 // 1_000_000_000, t2 % 1_000_000_000, incl, orig)
    out += data[pos + 16:pos + 16 + incl]
    pos += 16 + incl
open(dst, 'wb').write(out)
