"""netmodel.py - what a Xinu machine's network does with each frame

The fuzz tests of nettests.py send Xinu up to hundreds of thousands of
frames and check every count netinfo shows, and every answer, against
this model.  A Model stands for one machine at 'mac' and 'ip' on a /24
with a static address (net.ip=), no router and no ARP request of its
own waiting, and UDP slots on 'ports' (udpecho -s).  model.take(frame)
adds to model.counts what netinfo counts for the frame (its names:
rx oversize frames arp ip icmp udp echoes sent runts type arpbad
arpother unasked ipbad martian ipother frag proto icmpbad udpbad
noport) and returns what Xinu sends back: an ARP reply, an echo reply,
or ("udp", source, port, data) for a datagram a slot queues; and
model.learned holds the hosts arp_in learned (the ARP cache keeps the
16 latest).

It mirrors QEMU's e1000 (hw/net/e1000.c: a frame shorter than 60 bytes
is padded with zeros, one longer than 1522 is dropped, and only frames
to the NIC's MAC or the broadcast address pass its filter) and then
device/eth/ethread.c and net/ (netin, arp_in, ip_in, icmp_in, udp_in),
check by check and in their order.  Where the two disagree, one of them
is wrong: the test says which frame, and the kernel or this model gets
the fix.
"""

import collections
import struct

BCAST_MAC = b"\xff" * 6
MINFRAME = 60               # QEMU's e1000 pads shorter frames to this
NIC_MAX = 1522              # ... and drops longer ones
ETH_MAXFRAME = 1514         # ethread drops (oversize) longer ones
UDP_MAXDATA = 1472          # a UDP queue entry


def cksum(data):
    """The Internet checksum of 'data' (0 over a correct packet)."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def martian(a, ip=None):
    """ip_martian: an address (4 bytes) no other host can have; 'ip',
    our own (4 bytes, on a /24), adds it and our broadcast."""
    n = struct.unpack("!I", a)[0]
    if n == 0 or n == 0xFFFFFFFF or n >> 28 == 0xE or n >> 24 == 127:
        return True
    return ip is not None and (a == ip or a == ip[:3] + b"\xff")


class Model:
    def __init__(self, mac, ip, ports=()):
        self.mac, self.ip, self.ports = mac, ip, set(ports)
        self.counts = collections.Counter()
        self.learned = {}       # address: MAC, the latest learned last

    def take(self, frame):
        """Count 'frame' as Xinu would; the frames or datagrams it sends
        back (a list)."""
        c = self.counts
        if len(frame) > NIC_MAX:
            return []
        if len(frame) < MINFRAME:
            frame += b"\0" * (MINFRAME - len(frame))
        if frame[:6] != self.mac and frame[:6] != BCAST_MAC:
            return []
        if len(frame) > ETH_MAXFRAME:
            c["oversize"] += 1
            return []
        c["rx"] += 1
        c["frames"] += 1
        etype = frame[12:14]
        if etype == b"\x08\x06":
            return self.arp(frame)
        if etype == b"\x08\x00":
            return self.ipv4(frame)
        c["type"] += 1
        return []

    def sent(self, out):
        self.counts["sent"] += 1
        self.counts["tx"] += 1
        return [out]

    def arp(self, f):
        c = self.counts
        htype, ptype, hlen, plen, op = struct.unpack("!HHBBH", f[14:22])
        sha, spa, tpa = f[22:28], f[28:32], f[38:42]
        if htype != 1 or ptype != 0x0800 or hlen != 6 or plen != 4 \
                or op not in (1, 2) or sha[0] & 1:
            c["arpbad"] += 1
            return []
        forus = tpa == self.ip
        if op == 1 and not forus:
            c["arpother"] += 1
            return []
        if op == 2:                 # we asked nobody
            c["unasked"] += 1
            return []
        c["arp"] += 1
        if not martian(spa, self.ip):       # arp_in learns its sender
            self.learned.pop(spa, None)
            self.learned[spa] = sha
        return self.sent(sha + self.mac + b"\x08\x06" + struct.pack(
            "!HHBBH", 1, 0x0800, 6, 4, 2) + self.mac + self.ip + sha + spa)

    def ipv4(self, f):
        c = self.counts
        hlen = (f[14] & 0xF) * 4
        tlen = struct.unpack("!H", f[16:18])[0]
        if f[14] >> 4 != 4 or hlen < 20 or tlen < hlen \
                or 14 + tlen > len(f) or cksum(f[14:14 + hlen]) != 0:
            c["ipbad"] += 1
            return []
        src, dst, proto = f[26:30], f[30:34], f[23]
        l4 = f[14 + hlen:14 + tlen]
        dhcpclient = src == b"\0" * 4 and proto == 17 and len(l4) >= 8 \
            and l4[2:4] == b"\x00\x43"
        if martian(src, self.ip) and not dhcpclient:
            c["martian"] += 1
            return []
        if dst not in (self.ip, b"\xff" * 4, self.ip[:3] + b"\xff"):
            c["ipother"] += 1
            return []
        if struct.unpack("!H", f[20:22])[0] & 0x3FFF:
            c["frag"] += 1
            return []
        c["ip"] += 1
        if proto == 1:
            return self.icmp(f, hlen, tlen, l4)
        if proto == 17:
            return self.udp(src, dst, l4)
        c["proto"] += 1
        return []

    def icmp(self, f, hlen, tlen, ic):
        c = self.counts
        if len(ic) < 8 or cksum(ic) != 0:
            c["icmpbad"] += 1
            return []
        c["icmp"] += 1
        if ic[0] == 8 and ic[1] == 0:
            if f[30:34] != self.ip:
                return []
            c["echoes"] += 1
            return self.sent(self.echo_reply(f, hlen, tlen, ic))
        if ic[0] != 0:
            c["icmpbad"] += 1
        return []

    def echo_reply(self, f, hlen, tlen, ic):
        """echo_reply: the request turned round, its IP header (options
        and all) kept but for the addresses, TTL and checksum."""
        hdr = bytearray(f[14:14 + hlen])
        hdr[12:20] = self.ip + f[26:30]
        hdr[8] = 64
        hdr[10:12] = b"\0\0"
        hdr[10:12] = struct.pack("!H", cksum(bytes(hdr)))
        body = bytearray(ic)
        body[0] = 0
        body[2:4] = b"\0\0"
        body[2:4] = struct.pack("!H", cksum(bytes(body)))
        return f[6:12] + self.mac + b"\x08\x00" + bytes(hdr) + bytes(body)

    def udp(self, src, dst, u):
        c = self.counts
        if len(u) < 8:
            c["udpbad"] += 1
            return []
        sport, dport, ulen, sum_ = struct.unpack("!HHHH", u[:8])
        pseudo = src + dst + struct.pack("!BBH", 0, 17, ulen)
        if ulen < 8 or ulen > len(u) or ulen > 8 + UDP_MAXDATA or \
                (sum_ != 0 and cksum(pseudo + u[:ulen]) != 0):
            c["udpbad"] += 1
            return []
        if dport not in self.ports:
            c["noport"] += 1
            return []
        c["udp"] += 1
        return [("udp", src, sport, u[8:ulen])]


# ---------------------------------------------------------------------
# DHCP: the client of net/dhcp.c

DHCP_TRIES = 4              # DHCP_TRIES: DISCOVERs in one dhcp_run
DHCP_FIXED = 240            # bytes before the options
DHCP_COOKIE = b"\x63\x82\x53\x63"
OFFER, ACK, NAK = 2, 5, 6


def dhcp_parse(m, xid, mac):
    """dhcp_parse: what answer 'm' (bytes) to 'xid' (4 bytes) for 'mac'
    says, a dict of type yiaddr mask router server lease (ints), or
    None when the client throws it away."""
    if len(m) < DHCP_FIXED or m[0] != 2 or m[4:8] != xid or \
            m[236:240] != DHCP_COOKIE or m[28:34] != mac:
        return None
    info = dict(type=0, yiaddr=struct.unpack("!I", m[16:20])[0], mask=0,
                router=0, server=0, lease=0)
    names = {1: "mask", 3: "router", 54: "server", 51: "lease"}
    o, end = DHCP_FIXED, len(m)
    while o < end and m[o] != 255:
        code = m[o]
        o += 1
        if code == 0:
            continue
        if o >= end or o + 1 + m[o] > end:
            return None
        n = m[o]
        o += 1
        if code == 53:
            info["type"] = m[o] if n >= 1 else 0
        elif code in names:
            info[names[code]] = struct.unpack("!I", m[o:o + 4])[0] \
                if n >= 4 else 0
        o += n
    return info if info["type"] else None


def hostpart(a, mask):
    """dhcp_hostpart: is the host part of 'a' neither all zeros nor all
    ones (always, on a /31 or /32)?"""
    host = a & ~mask & 0xFFFFFFFF
    return mask >= 0xFFFFFFFE or host not in (0, ~mask & 0xFFFFFFFF)


def dhcp_lease(ack):
    """dhcp_lease: what the client takes from 'ack' (its address, mask
    and router as NetData gets them), or None when it refuses it."""
    mask, a, router = ack["mask"], ack["yiaddr"], ack["router"]
    inv = ~mask & 0xFFFFFFFF
    if mask == 0 or inv & (inv + 1):
        mask = 0xFFFFFF00
    if not hostpart(a, mask):
        return None
    if router & mask != a & mask or router == a or \
            not hostpart(router, mask) or martian(struct.pack("!I", router)):
        router = 0
    return dict(ack, mask=mask, router=router)


class DhcpClient:
    """dhcp_run as Xinu runs it, fed the answers in the order they reach
    its UDP slot.  The client reads its queue in order, throwing away
    what dhcp_parse refuses and answers of another type, until one of
    the type it waits for (OFFER, then ACK) or a NAK; what is left
    stays queued for its next question.  A NAK, or an offered or acked
    martian address, starts its next try (a DISCOVER); after
    DHCP_TRIES the run gives up.  A run's end releases the slot and
    what it queued.  'expect' is the message it sends next, 'results'
    what each run took (an ACK's dict, or None)."""

    def __init__(self, mac):
        self.mac = mac
        self.queue, self.tries, self.results = [], 0, []
        self.xid, self.want = None, None
        self.expect = ("discover",)

    def asked(self, kind, xid, reqip=None, server=None):
        """Xinu sent DISCOVER (1) or REQUEST (3): None if that is what
        the model expects, or why not."""
        if kind == 1 and self.expect == ("discover",):
            self.tries += 1
            self.xid, self.want = xid, OFFER
        elif kind == 3 and self.expect[0] == "request" and \
                xid == self.xid and (reqip, server) == self.expect[1:]:
            self.want = ACK
        else:
            return "Xinu sent DHCP message %d (asking %s of %s), the " \
                "model expected %s" % (kind, reqip, server, self.expect)
        self.expect = ("answer",)
        return None

    def settle(self):
        """Read the queue as Xinu would: True when an answer was taken
        (and 'expect' says what follows), False when it still waits."""
        while self.queue:
            info = dhcp_parse(self.queue.pop(0), self.xid, self.mac)
            if info is None or info["type"] not in (self.want, NAK):
                continue
            lease = dhcp_lease(info) if self.want == ACK else info
            if info["type"] == NAK or lease is None or \
                    martian(struct.pack("!I", info["yiaddr"])):
                self.next_try()
            elif self.want == OFFER:
                self.expect = ("request", info["yiaddr"], info["server"])
            else:
                self.end(lease)
            return True
        return False

    def next_try(self):
        if self.tries == DHCP_TRIES:
            self.end(None)
        else:
            self.expect = ("discover",)

    def end(self, result):
        self.results.append(result)
        self.queue, self.tries = [], 0
        self.expect = ("discover",)
