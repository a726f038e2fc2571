"""netfuzz.py - the frames of the network fuzzer (net:fuzz*), built with
scapy

Run by Debian's python3 (/usr/bin/python3, which python3-scapy installs
for; nettests.py installs it with compile/bin/need py.scapy:python3-scapy):

  /usr/bin/python3 test/netfuzz.py KIND COUNT SEED

writes COUNT Ethernet frames (no CRC) to standard output, each as a
2-byte big-endian length and the frame, the same frames for the same
KIND, COUNT and SEED.  KIND is one seed category (arp, icmp, udp, dhcp)
or all of them (all).  The frames go to Xinu at 52:54:00:00:00:02,
10.0.0.2/24, from the host at 02:00:00:00:00:01, 10.0.0.1; DHCP answers
go to port 68 as a server's would.

How a frame is made: scapy builds a seed of its category (a valid ARP
request or reply, ICMP echo, UDP datagram, or DHCP offer, ack or nak)
and changes fields of it: the ARP hardware and protocol types and
lengths, operation, sender MAC and addresses; the IP version, IHL,
total length, flags and fragment offset, TTL, protocol, addresses and
options (NOP, EOL, record route, timestamps, source routes, unknown and
malformed ones); the ICMP type, code and data; UDP ports and length;
DHCP fields and options (cut short, lengths past the end, no END, PAD
runs).  scapy computes every checksum unless a field change asks for a
wrong one.  scapy is slow (about 0.4 ms a frame), so it builds a pool
of POOL such frames, and each of the COUNT frames is one from the pool
changed as bytes: cut short anywhere, grown with random bytes up to
1522 (QEMU's e1000 passes frames up to 1522 bytes), random bytes and
bits changed, two frames spliced; after some of those the IP header,
UDP and ICMP checksums are made right again, so the change reaches the
layers above IP.  A few frames go to another MAC or a multicast one
(the NIC drops them).  No frame is empty: QEMU's socket link takes an
empty datagram for the end of the link.
"""

import logging
import os
import random
import struct
import sys

logging.getLogger("scapy").setLevel(logging.ERROR)

from scapy.all import (ARP, BOOTP, DHCP, ICMP, IP, UDP, Ether,  # noqa: E402
                       IPOption_EOL, IPOption_LSRR, IPOption_NOP,
                       IPOption_RR, IPOption_SSRR, IPOption_Timestamp, Raw,
                       fuzz)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netmodel import cksum  # noqa: E402  (the Internet checksum)

XINU_MAC = "52:54:00:00:00:02"
XINU_IP = "10.0.0.2"
HOST_MAC = "02:00:00:00:00:01"
HOST_IP = "10.0.0.1"
BCAST_MAC = "ff:ff:ff:ff:ff:ff"
MAXFRAME = 1522             # the longest frame QEMU's e1000 passes in
POOL = 4000                 # frames scapy builds per run (at most)

# Addresses a changed field takes: ours, the host's, others on and off
# the link, and the martians Xinu must drop
ADDRS = (XINU_IP, HOST_IP, "10.0.0.9", "10.0.0.255", "255.255.255.255",
         "0.0.0.0", "127.0.0.1", "224.0.0.1", "192.0.2.7", "10.0.1.2")
PORTS = (0, 1, 7, 9, 53, 67, 68, 1023, 5000, 40000, 65535)


def rnd_bytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def pick_size(rng):
    """A data length: small ones most often, and up to a full frame."""
    return rng.choice((0, 1, 7, 8, 18, 56, 64, 200, 511, 1024, 1400, 1464,
                       1472, 1473, 1480, rng.randrange(1481)))


# ---------------------------------------------------------------------
# seeds and the field changes of each category

def ether(rng, etype=None):
    dst = XINU_MAC if rng.random() < 0.7 else BCAST_MAC
    return Ether(dst=dst, src=HOST_MAC, type=etype) if etype is not None \
        else Ether(dst=dst, src=HOST_MAC)


def arp_frame(rng):
    """An ARP request for Xinu or another host, a reply to Xinu, a probe
    or an announcement; then some of its fields changed.  The hardware
    and protocol types and lengths are changed in the bytes: scapy reads
    the addresses by them."""
    op = rng.choice((1, 1, 2, 2, 3, 0, 0xFFFF))
    a = ARP(op=op, hwsrc=HOST_MAC, psrc=HOST_IP,
            hwdst=XINU_MAC if op == 2 else "00:00:00:00:00:00",
            pdst=XINU_IP)
    if rng.random() < 0.4:
        a.psrc = rng.choice(ADDRS + ("10.0.0.%d" % rng.randrange(256),))
    if rng.random() < 0.3:
        a.pdst = rng.choice(ADDRS)
    if rng.random() < 0.2:
        a.hwsrc = rng.choice((BCAST_MAC, "01:00:5e:00:00:01", XINU_MAC,
                              "02:00:00:00:%02x:%02x" % (rng.randrange(256),
                                                         rng.randrange(256))))
    f = bytearray(bytes(ether(rng, 0x0806) / a))
    for at, values in ((14, (0, 6, 0xFFFF)), (16, (0, 0x86DD, 0x0806))):
        if rng.random() < 0.15:
            f[at:at + 2] = struct.pack("!H", rng.choice(values))
    for at, values in ((18, (0, 4, 8, 255)), (19, (0, 6, 16, 255))):
        if rng.random() < 0.15:
            f[at] = rng.choice(values)
    return bytes(f)


def ip_options(rng):
    """IP options scapy knows, valid and not (see raw_options)."""
    kind = rng.randrange(5)
    if kind == 0:
        return [IPOption_NOP()] * rng.randrange(1, 12)
    if kind == 1:
        return [IPOption_RR(routers=["10.0.0.%d" % i
                                     for i in range(rng.randrange(1, 9))])]
    if kind == 2:
        return [IPOption_Timestamp(flg=rng.randrange(4))]
    if kind == 3:
        return [rng.choice((IPOption_LSRR, IPOption_SSRR))(
            routers=[rng.choice(ADDRS)])]
    return [IPOption_NOP(), IPOption_RR(pointer=rng.randrange(256)),
            IPOption_EOL()]


def raw_options(rng, f):
    """The IP frame 'f' with options scapy cannot build put in its
    header (an unknown option of any length, a length past the header,
    one of 0 or 1), its IHL, total length and checksum made to fit."""
    f = bytearray(f)
    hlen = (f[14] & 0xF) * 4
    if rng.random() < 0.5:
        opt = bytes((rng.randrange(256),)) + rnd_bytes(rng, rng.randrange(39))
    else:
        opt = bytes((rng.choice((7, 68, 130, 137, 148)),
                     rng.choice((0, 1, 2, 39, 255))))
    opt = (opt + b"\0" * 3)[:(len(opt) + 3) // 4 * 4]
    opt = opt[:60 - hlen]
    f[14 + hlen:14 + hlen] = opt
    f[14] = 0x40 | (hlen + len(opt)) // 4
    f[16:18] = struct.pack("!H", (struct.unpack("!H", f[16:18])[0]
                                  + len(opt)) & 0xFFFF)
    f[24:26] = b"\0\0"
    f[24:26] = struct.pack("!H", cksum(bytes(f[14:14 + hlen + len(opt)])))
    return bytes(f)


def ip_changes(rng, ip):
    """Change some fields of the IP header 'ip' (scapy fills the length
    and checksum fields unless they are set here)."""
    if rng.random() < 0.25:
        ip.options = ip_options(rng)
    if rng.random() < 0.1:
        ip.ihl = rng.randrange(16)
    if rng.random() < 0.1:
        ip.version = rng.choice((0, 5, 6, 15))
    if rng.random() < 0.1:
        ip.len = rng.choice((0, 19, 20, 21, 28, 60, 576, 1500, 1501,
                             65535, rng.randrange(65536)))
    if rng.random() < 0.15:
        ip.flags = rng.choice(("MF", "DF", "evil", "MF+DF"))
        ip.frag = rng.choice((0, 0, 1, 185, 8191))
    elif rng.random() < 0.05:
        ip.frag = rng.randrange(1, 8192)
    if rng.random() < 0.1:
        ip.ttl = rng.choice((0, 1, 255))
    if rng.random() < 0.1:
        ip.tos = rng.randrange(256)
    if rng.random() < 0.15:
        ip.src = rng.choice(ADDRS)
    if rng.random() < 0.15:
        ip.dst = rng.choice(ADDRS)
    if rng.random() < 0.08:
        ip.chksum = rng.randrange(65536)
    if rng.random() < 0.05:
        ip.proto = rng.choice((0, 2, 6, 41, 255))
    return ip


def icmp_frame(rng):
    """An echo request (or reply, or another type) with changed fields."""
    ic = ICMP(type=8, id=rng.randrange(65536), seq=rng.randrange(65536))
    if rng.random() < 0.2:
        ic.type = rng.choice((0, 3, 5, 11, 13, 17, 255))
    if rng.random() < 0.1:
        ic.code = rng.choice((1, 255))
    if rng.random() < 0.1:
        ic.chksum = rng.randrange(65536)
    if rng.random() < 0.05:
        ic = fuzz(ic)
    ip = ip_changes(rng, IP(src=HOST_IP, dst=XINU_IP))
    return bytes(ether(rng, 0x0800) / ip / ic /
                 Raw(rnd_bytes(rng, pick_size(rng))))


def udp_frame(rng):
    """A datagram to a port (the echo port 7 most often)."""
    u = UDP(sport=rng.choice(PORTS + (5000,) * 8),
            dport=rng.choice(PORTS + (7,) * 8))
    if rng.random() < 0.15:
        u.len = rng.choice((0, 1, 7, 8, 9, 1480, 1481, 65535,
                            rng.randrange(65536)))
    if rng.random() < 0.15:
        u.chksum = rng.choice((0, 0xFFFF, rng.randrange(65536)))
    if rng.random() < 0.05:
        u = fuzz(u)
    ip = ip_changes(rng, IP(src=HOST_IP, dst=XINU_IP))
    return bytes(ether(rng, 0x0800) / ip / u /
                 Raw(rnd_bytes(rng, pick_size(rng))))


DHCP_TYPES = ("offer", "ack", "nak", "discover", "request", 0, 9, 255)


def dhcp_options(rng):
    """DHCP options, valid and not."""
    opts = [("message-type", rng.choice(DHCP_TYPES)),
            ("server_id", HOST_IP), ("lease_time", rng.choice((0, 600,
                                                               0xFFFFFFFF))),
            ("subnet_mask", rng.choice(("255.255.255.0", "0.0.0.0",
                                        "255.255.255.255"))),
            ("router", rng.choice(ADDRS))]
    rng.shuffle(opts)
    opts = opts[:rng.randrange(len(opts) + 1)]
    if rng.random() < 0.3:
        at = rng.randrange(len(opts) + 1)
        opts[at:at] = ["pad"] * rng.randrange(1, 400)
    if rng.random() < 0.8:
        opts.append("end")
    return opts


def dhcp_frame(rng):
    """A server's OFFER, ACK or NAK to Xinu's MAC, to the broadcast
    address and port 68, with changed fields and options."""
    b = BOOTP(op=rng.choice((2, 2, 2, 1, 0)), xid=rng.randrange(1 << 32),
              yiaddr=rng.choice((XINU_IP,) * 4 + ADDRS), siaddr=HOST_IP,
              chaddr=bytes.fromhex(XINU_MAC.replace(":", "")) + b"\0" * 10)
    if rng.random() < 0.1:
        b.options = rnd_bytes(rng, 4)       # not the magic cookie
    d = DHCP(options=dhcp_options(rng))
    tail = b""
    if rng.random() < 0.3:                  # an option past the end
        tail = bytes((rng.choice((1, 3, 51, 53, 54)),
                      rng.choice((0, 1, 4, 200, 255)))) + \
            rnd_bytes(rng, rng.randrange(3))
    ip = ip_changes(rng, IP(src=HOST_IP, dst=rng.choice(
        ("255.255.255.255", XINU_IP))))
    return bytes(Ether(dst=BCAST_MAC, src=HOST_MAC) / ip / UDP(
        sport=67, dport=68) / b / d / Raw(tail))


SEEDS = {"arp": arp_frame, "icmp": icmp_frame, "udp": udp_frame,
         "dhcp": dhcp_frame}


# ---------------------------------------------------------------------
# byte changes, and checksums made right again

def fix_checksums(f):
    """The IP frame 'f' with its IP header checksum, and the UDP or ICMP
    checksum, made right where the header and lengths allow."""
    if len(f) < 34 or f[12:14] != b"\x08\x00":
        return f
    f = bytearray(f)
    hlen = (f[14] & 0xF) * 4
    if hlen < 20 or 14 + hlen > len(f):
        return bytes(f)
    f[24:26] = b"\0\0"
    f[24:26] = struct.pack("!H", cksum(bytes(f[14:14 + hlen])))
    end = min(len(f), 14 + struct.unpack("!H", f[16:18])[0])
    l4 = 14 + hlen
    if f[23] == 1 and end - l4 >= 4:
        f[l4 + 2:l4 + 4] = b"\0\0"
        f[l4 + 2:l4 + 4] = struct.pack("!H", cksum(bytes(f[l4:end])))
    elif f[23] == 17 and end - l4 >= 8:
        ulen = min(struct.unpack("!H", f[l4 + 4:l4 + 6])[0], end - l4)
        pseudo = bytes(f[26:34]) + struct.pack("!BBH", 0, 17, ulen)
        f[l4 + 6:l4 + 8] = b"\0\0"
        c = cksum(pseudo + bytes(f[l4:l4 + ulen])) or 0xFFFF
        f[l4 + 6:l4 + 8] = struct.pack("!H", c)
    return bytes(f)


def mutate(rng, f, pool):
    """'f' changed as bytes (1 to 3 changes), after the Ethernet
    destination so the NIC still takes it."""
    f = bytearray(f)
    for _ in range(rng.randrange(1, 4)):
        kind = rng.randrange(6)
        if kind == 0 and len(f) > 1:            # cut short
            del f[rng.randrange(1, len(f)):]
        elif kind == 1:                         # grown
            f += rnd_bytes(rng, rng.randrange(1, MAXFRAME + 1 - len(f))) \
                if len(f) < MAXFRAME else b""
        elif kind == 2 and len(f) > 6:          # random bytes
            for _ in range(rng.randrange(1, 5)):
                f[rng.randrange(6, len(f))] = rng.getrandbits(8)
        elif kind == 3 and len(f) > 6:          # bit flips
            for _ in range(rng.randrange(1, 5)):
                f[rng.randrange(6, len(f))] ^= 1 << rng.randrange(8)
        elif kind == 4:                         # spliced
            g = rng.choice(pool)
            cut = rng.randrange(min(len(f), len(g)) + 1)
            f = f[:max(cut, 6)] + g[cut:]
        else:                                   # a header field's edge
            if len(f) >= 18:
                at = rng.choice((12, 14, 16, 18, 20, 22, 23, 34, 36, 38, 40))
                if at + 2 <= len(f):
                    f[at:at + 2] = struct.pack("!H", rng.choice(
                        (0, 1, 0x7FFF, 0xFFFF, rng.randrange(65536))))
    f = bytes(f[:MAXFRAME])
    if rng.random() < 0.5:
        f = fix_checksums(f)
    return f


def to_others(rng, f):
    """'f' to another host's MAC or a multicast group: dropped by the NIC."""
    return rng.choice((bytes.fromhex("020000000009"),
                       bytes.fromhex("01005e000001"))) + f[6:]


def frames(kind, count, seed):
    """'count' frames of category 'kind' ('all': every category)."""
    rng = random.Random(seed)
    makers = list(SEEDS.values()) if kind == "all" else [SEEDS[kind]]
    pool = []
    for i in range(min(POOL, count)):
        f = makers[i % len(makers)](rng)
        if f[12:14] == b"\x08\x00" and rng.random() < 0.08 and \
                (f[14] & 0xF) >= 5:
            f = raw_options(rng, f)
        if len(f) > MAXFRAME:
            f = f[:MAXFRAME] if rng.random() < 0.5 else f[:rng.randrange(
                14, MAXFRAME)]
        pool.append(f)
    for i in range(count):
        f = pool[i % len(pool)] if i < len(pool) else rng.choice(pool)
        r = rng.random()
        if i >= len(pool) or r < 0.3:
            f = mutate(rng, f, pool)
        if rng.random() < 0.01:
            f = to_others(rng, f)
        yield f or b"\0"


def main():
    kind, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if kind != "all" and kind not in SEEDS:
        sys.exit("netfuzz.py: KIND is one of all %s" % " ".join(SEEDS))
    out = sys.stdout.buffer
    for f in frames(kind, count, seed):
        out.write(struct.pack("!H", len(f)) + f)
    out.flush()


if __name__ == "__main__":
    main()
