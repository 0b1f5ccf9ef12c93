#!/usr/bin/env python3
"""A user-space netem between two interfaces of one namespace: every frame read on one side (AF_PACKET,
incoming only) is written to the other after a delay, with loss, jitter (reordering) and optional TCP
sequence-number rewriting of one direction (like a firewall's sequence randomisation), per direction."""
import socket, select, heapq, random, struct, time, sys, argparse, signal

ap = argparse.ArgumentParser()
ap.add_argument('left'); ap.add_argument('right')
ap.add_argument('--delay', type=float, default=0.002)        # base one-way delay, s
ap.add_argument('--jitter-lr', type=float, default=0.0)      # extra delay, s, for a share of left->right frames
ap.add_argument('--jitter-rl', type=float, default=0.0)
ap.add_argument('--jshare', type=float, default=0.05)         # share of frames that get the extra delay
ap.add_argument('--loss-lr', type=float, default=0.0)
ap.add_argument('--loss-rl', type=float, default=0.0)
ap.add_argument('--seqrand', action='store_true')            # rewrite seq of left->right TCP, ack/SACK of right->left
ap.add_argument('--seed', type=int, default=7)
a = ap.parse_args()
random.seed(a.seed)
ETH_P_ALL = 3
PACKET_OUTGOING = 4

def sock(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((ifname, 0))
    s.setblocking(False)
    return s

L, R = sock(a.left), sock(a.right)
deltas = {}

def csum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def rewrite(frame, lr):
    if len(frame) < 14 + 20 or frame[12:14] != b'\x08\x00':
        return frame
    ihl = (frame[14] & 15) * 4
    if frame[14 + 9] != 6:
        return frame
    ip = 14
    tl = struct.unpack('!H', frame[ip + 2:ip + 4])[0]
    t = ip + ihl
    src, dst = frame[ip + 12:ip + 16], frame[ip + 16:ip + 20]
    sp, dp, seq, ack = struct.unpack('!HHII', frame[t:t + 12])
    off = (frame[t + 12] >> 4) * 4
    flags = frame[t + 13]
    b = bytearray(frame)
    if lr:
        key = (src, sp, dst, dp)
        if flags & 0x02 and not flags & 0x10 and key not in deltas:   # a new connection gets its offset
            deltas[key] = random.getrandbits(32)
        d = deltas.get(key)
        if d is None:
            return frame
        struct.pack_into('!I', b, t + 4, (seq + d) & 0xffffffff)
    else:
        key = (dst, dp, src, sp)
        d = deltas.get(key)
        if d is None or not flags & 0x10:
            return frame
        struct.pack_into('!I', b, t + 8, (ack - d) & 0xffffffff)
        o = t + 20
        while o < t + off:                               # SACK blocks name the rewritten side's numbers too
            k = b[o]
            if k == 0:
                break
            if k == 1:
                o += 1
                continue
            ln = b[o + 1]
            if ln < 2:
                break
            if k == 5:
                for q in range(o + 2, o + ln, 4):
                    v = struct.unpack('!I', b[q:q + 4])[0]
                    struct.pack_into('!I', b, q, (v - d) & 0xffffffff)
            o += ln
    struct.pack_into('!H', b, t + 16, 0)
    pseudo = src + dst + struct.pack('!BBH', 0, 6, tl - ihl)
    struct.pack_into('!H', b, t + 16, csum(pseudo + bytes(b[t:ip + tl])))
    return bytes(b)

heap = []
n = 0
stats = {'lr': 0, 'rl': 0, 'lost': 0, 'late': 0}
running = True
def stop(*_):
    global running
    running = False
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
while running:
    now = time.monotonic()
    while heap and heap[0][0] <= now:
        _, _, out, fr = heapq.heappop(heap)
        try:
            out.send(fr)
        except OSError as e:
            print('send', len(fr), e, file=sys.stderr)
    timeout = max(0.0, heap[0][0] - now) if heap else 0.05
    r, _, _ = select.select([L, R], [], [], timeout)
    now = time.monotonic()
    for s in r:
        while True:
            try:
                fr, addr = s.recvfrom(65535)
            except BlockingIOError:
                break
            if addr[2] == PACKET_OUTGOING:
                continue
            lr = s is L
            stats['lr' if lr else 'rl'] += 1
            if random.random() < (a.loss_lr if lr else a.loss_rl):
                stats['lost'] += 1
                continue
            d = a.delay
            j = a.jitter_lr if lr else a.jitter_rl
            if j > 0 and len(fr) > 200 and random.random() < a.jshare:
                d += random.uniform(0.3 * j, j)
                stats['late'] += 1
            if a.seqrand:
                fr = rewrite(fr, lr)
            n += 1
            heapq.heappush(heap, (now + d, n, R if lr else L, fr))
print(stats, file=sys.stderr)
