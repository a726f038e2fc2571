"""nettests.py - tests of the network, on machines with an e1000

runner.py runs these in its pool beside the in-kernel tests (make test),
one line each as "net:NAME".  The traffic never leaves this machine:
  dhcp_gateway    one machine on QEMU's user network (-netdev user)
                  boots the in-kernel case net_dhcp_gateway: DHCP gives
                  10.0.2.15/24 and router 10.0.2.2, which answers pings
  static_user     the same network with net.ip=10.0.2.15/24
                  net.gw=10.0.2.2, booting net_static_user: the first
                  ping right after boot is answered (one, no retry);
                  datagrams to our own address are delivered locally
  two_machines    two machines on one virtual link (-netdev socket in
                  its UDP mode: each QEMU sends the other's frames to a
                  port on 127.0.0.1), static addresses 10.0.0.1/24 and
                  10.0.0.2/24 (net.ip=), booting net_pair_echo and
                  net_pair_udp: they ping each other, then 10,000 UDP
                  datagrams go from B to A and back, at most 8
                  unanswered (the pace), and every one must come back;
                  then B sends 100 at once to a port A does not read:
                  its queue keeps 16, the rest are counted and dropped,
                  and A's kernel heap is as before
  malformed_frames  a Xinu machine (net.ip=10.0.0.2/24, the shell) on a
                  link whose other end is this script: it checks ARP
                  and ping answers, sends truncated frames, bad
                  checksums, wrong lengths, fragments, unknown types
                  and protocols, UDP to closed ports, an ARP storm and
                  random bytes, then checks the machine still answers
                  pings, counted the drops (netinfo), kept its ARP cache
                  to known hosts and its kernel heap as it was (mem)
The rest put the shell (or one in-kernel case) on such a link too, each
aimed at one way a peer used to hurt the machine:
  oversize_frames   udpecho -s gets a 1472-byte datagram (a 1514-byte
                  frame, echoed whole), then 16 frames of 1518 bytes
                  and 24 of 1522, which QEMU's e1000 passes in: none is
                  echoed, netinfo counts 40 oversize, ping and ps work
                  (they overran a UDP queue entry: a PANIC in getstk)
  martian_sources   UDP to udpecho and pings from our own address,
                  255.255.255.255, 10.0.0.255, 224.0.0.1, 0.0.0.0 and
                  127.0.0.1: none answered, no echo loop (looped 0 after
                  0.5 s), 12 counted martian; 0.0.0.0 to port 67 (a
                  DHCP client) passes
  arp_unsolicited   20 ARP replies nobody asked for, one claiming our
                  address, one re-pointing a known host, a request
                  claiming our address, one from a broadcast MAC: the
                  cache keeps only the host it had; a reply to Xinu's
                  own request is learned, one after it gave up is not
  read_whole_frames the case net_read_whole_frames stops netin and
                  reads ETHER0 with buffers of 64 and 2048 bytes:
                  frames longer than the buffer or than 1514 bytes are
                  counted oversize, never cut short
  dhcp_answers      this script is the DHCP server: its offer of
                  127.0.0.1 is refused, then answers of 588 bytes whose
                  options start past byte 552 give 10.0.0.2/24
The in-kernel cases are declared NETTEST (test/kernel/nettest.h), so
the runner's plain kernel tests, which boot without a NIC, leave them
out.  bench() boots the bench_net_* pair of test/kernel/bench.c the
same way for make bench.
"""

import os
import random
import re
import socket
import struct
import threading
import time

import runner

MAC_A = "52:54:00:00:00:01"
MAC_B = "52:54:00:00:00:02"


def free_ports(n):
    """'n' UDP ports on 127.0.0.1 that were free a moment ago."""
    socks = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
             for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def link(mine, peer):
    """The -netdev backend of one end of a UDP link on 127.0.0.1."""
    return "socket,udp=127.0.0.1:%d,localaddr=127.0.0.1:%d" % (peer, mine)


def boot(case, append, netdev, mac, opts, kernel=None):
    cmd = runner.qemu_command(kernel or opts.kernel,
                              ("test=%s %s" % (case, append)).strip(),
                              opts.mem, runner.nic(netdev, mac))
    return runner.Boot(cmd)


def finish_all(boots, deadline):
    """Read every boot until it exits or the deadline; their statuses."""
    status = [None] * len(boots)

    def one(i):
        status[i] = boots[i].finish(deadline)
    threads = [threading.Thread(target=one, args=(i,))
               for i in range(len(boots))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return status


def run_pair(case_a, case_b, opts, kernel=None):
    """Boot case_a on 10.0.0.1 and case_b on 10.0.0.2, linked; returns
    (reason or None, the two consoles joined)."""
    pa, pb = free_ports(2)
    a = boot(case_a, "net.ip=10.0.0.1/24", link(pa, pb), MAC_A, opts,
             kernel)
    b = boot(case_b, "net.ip=10.0.0.2/24", link(pb, pa), MAC_B, opts,
             kernel)
    status = finish_all([a, b], time.monotonic() + runner.limit(opts))
    why = None
    for name, bt, st in ((case_a, a, status[0]), (case_b, b, status[1])):
        why = why or runner.test_verdict(name, bt.text(), st)
    console = "--- A (10.0.0.1) ---\n%s--- B (10.0.0.2) ---\n%s" % (
        a.text(), b.text())
    return why, console


def test_dhcp_gateway(opts):
    b = boot("net_dhcp_gateway", "", "user", None, opts)
    status = b.finish(time.monotonic() + runner.limit(opts))
    return runner.test_verdict("net_dhcp_gateway", b.text(), status), \
        b.text()


def test_static_user(opts):
    b = boot("net_static_user", "net.ip=10.0.2.15/24 net.gw=10.0.2.2",
             "user", None, opts)
    status = b.finish(time.monotonic() + runner.limit(opts))
    return runner.test_verdict("net_static_user", b.text(), status), \
        b.text()


def test_two_machines(opts):
    return run_pair("net_pair_echo", "net_pair_udp", opts)


# ---------------------------------------------------------------------
# malformed_frames: this script is the other host on the link

HOST_MAC = bytes.fromhex("020000000001")
XINU_MAC = bytes.fromhex(MAC_B.replace(":", ""))
BCAST = b"\xff" * 6
HOST_IP = socket.inet_aton("10.0.0.1")
XINU_IP = socket.inet_aton("10.0.0.2")


def cksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ether(dst, etype, payload):
    return dst + HOST_MAC + struct.pack("!H", etype) + payload


def arp(op, tpa, spa=HOST_IP, sha=HOST_MAC, hlen=6):
    return struct.pack("!HHBBH", 1, 0x0800, hlen, 4, op) + sha + spa + \
        b"\0" * 6 + tpa


def ip(proto, payload, src=HOST_IP, dst=XINU_IP, frag=0, ver=0x45,
       length=None, good=True):
    total = 20 + len(payload) if length is None else length
    hdr = struct.pack("!BBHHHBBH4s4s", ver, 0, total, 1, frag, 64, proto,
                      0, src, dst)
    c = cksum(hdr) if good else cksum(hdr) ^ 0x5555
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


def icmp_echo(seq, good=True, data=b"x" * 32):
    body = struct.pack("!BBHHH", 8, 0, 0, 0x1234, seq) + data
    c = cksum(body) if good else cksum(body) ^ 0x0F0F
    return body[:2] + struct.pack("!H", c) + body[4:]


def udp(sport, dport, data, good=True, length=None, src=HOST_IP,
        dst=XINU_IP):
    ulen = 8 + len(data) if length is None else length
    pseudo = src + dst + struct.pack("!BBH", 0, 17, 8 + len(data))
    body = struct.pack("!HHHH", sport, dport, ulen, 0) + data
    c = cksum(pseudo + body) or 0xFFFF
    if not good:
        c ^= 0x3333
    return body[:6] + struct.pack("!H", c) + body[8:]


def ip_frame(proto, payload, **kw):
    return ether(XINU_MAC, 0x0800, ip(proto, payload, **kw))


def udp_frame(sport, dport, data, src=HOST_IP, dst=XINU_IP):
    """A good UDP datagram from 'src' to 'dst' in a frame to Xinu."""
    return ip_frame(17, udp(sport, dport, data, src=src, dst=dst), src=src,
                    dst=dst)


def malformed(rng):
    """Every kind of bad frame, then random bytes; (label, frame).  No
    frame is empty: QEMU's socket backend takes an empty datagram for
    the end of the link and stops reading it."""
    good_udp = ip(17, udp(5000, 9, b"hello"))
    frames = [
        ("one byte", b"\x00"), ("runt", b"\x01" * 5), ("13 bytes", b"\x02" * 13),
        ("unknown type", ether(XINU_MAC, 0x86DD, b"\0" * 40)),
        ("arp truncated", ether(BCAST, 0x0806, arp(1, XINU_IP)[:20])),
        ("arp bad hlen", ether(BCAST, 0x0806, arp(1, XINU_IP, hlen=8))),
        ("arp bad op", ether(BCAST, 0x0806,
                             arp(9, XINU_IP))),
        ("ip truncated", ether(XINU_MAC, 0x0800, good_udp[:12])),
        ("ip version 6", ip_frame(17, udp(5000, 9, b"x"), ver=0x65)),
        ("ip ihl 3", ip_frame(17, udp(5000, 9, b"x"), ver=0x43)),
        ("ip length beyond frame", ip_frame(17, udp(5000, 9, b"x"),
                                            length=1400)),
        ("ip length below header", ip_frame(17, b"", length=8)),
        ("ip bad checksum", ip_frame(17, udp(5000, 9, b"x"), good=False)),
        ("ip for another host", ip_frame(17, udp(5000, 9, b"x"),
                                         dst=socket.inet_aton("10.0.0.9"))),
        ("ip fragment", ip_frame(17, udp(5000, 9, b"x"), frag=0x2000)),
        ("ip later fragment", ip_frame(17, b"y" * 16, frag=0x0010)),
        ("tcp", ip_frame(6, b"\0" * 20)),
        ("icmp bad checksum", ip_frame(1, icmp_echo(1, good=False))),
        ("icmp truncated", ip_frame(1, b"\x08\x00")),
        ("icmp unknown type", ip_frame(1, b"\x0d\x00\xf2\xff" + b"\0" * 4)),
        ("udp bad checksum", ip_frame(17, udp(5000, 9, b"abc", good=False))),
        ("udp length too long", ip_frame(17, udp(5000, 9, b"abc",
                                                 length=200))),
        ("udp length too short", ip_frame(17, udp(5000, 9, b"abc",
                                                  length=4))),
        ("udp truncated", ip_frame(17, b"\x13\x88\x00")),
        ("oversized", ether(XINU_MAC, 0x0800, b"\0" * 1700)),
    ]
    frames += [("udp to closed port %d" % p,
                ip_frame(17, udp(5000, p, b"nobody home")))
               for p in range(1000, 1100)]
    for i in range(300):            # requests for others, many senders
        spa = struct.pack("!I", 0x0A000100 + i)
        sha = bytes([2, 0, 0, 1, i >> 8, i & 0xFF])
        frames.append(("arp storm", ether(BCAST, 0x0806, arp(
            1, socket.inet_aton("10.0.0.%d" % (100 + i % 100)), spa, sha))))
    for i in range(300):            # random bytes, most of them to us
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(1600)))
        head = XINU_MAC + HOST_MAC + rng.choice((b"\x08\x00", b"\x08\x06",
                                                 body[:2]))
        frames.append(("random", body if i % 3 == 0 else head + body))
    for _ in range(100):            # random bytes behind good headers
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(60)))
        frames.append(("random ip", ether(XINU_MAC, 0x0800,
                                          ip(rng.choice((1, 17)), body))))
    return frames


class Wire:
    """This end of the link: raw Ethernet frames in UDP datagrams."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.peer = None

    def send(self, frame):
        self.sock.sendto(frame, ("127.0.0.1", self.peer))

    def wait(self, want, deadline):
        """The first frame for which want(frame) holds, or None."""
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                frame = self.sock.recv(4096)
            except socket.timeout:
                return None
            if want(frame):
                return frame
        return None


def is_arp_reply(f):
    return len(f) >= 42 and f[12:14] == b"\x08\x06" and \
        f[20:22] == b"\x00\x02" and f[28:32] == XINU_IP and \
        f[22:28] == XINU_MAC


def is_echo_reply(seq):
    def want(f):
        if len(f) < 42 or f[12:14] != b"\x08\x00" or f[23] != 1:
            return False
        ic = f[14 + (f[14] & 0xF) * 4:]
        return ic[0] == 0 and struct.unpack("!HH", ic[4:8]) == (0x1234, seq) \
            and cksum(ic) == 0 and f[26:30] == XINU_IP and f[:6] == HOST_MAC
    return want


def ping(wire, seq, deadline):
    """Ping Xinu (three tries); True when it answered."""
    for _ in range(3):
        wire.send(ip_frame(1, icmp_echo(seq)))
        if wire.wait(is_echo_reply(seq), min(deadline,
                                             time.monotonic() + 1.0)):
            return True
    return False


class Console:
    def __init__(self, bt):
        self.bt, self.pos = bt, 0

    def expect(self, pattern, deadline):
        pat = re.compile(pattern, re.M | re.S)
        while True:
            m = pat.search(self.bt.text(), self.pos)
            if m:
                self.pos = m.end()
                return m
            if time.monotonic() >= deadline or not self.bt.pump(deadline):
                raise TimeoutError("never saw /%s/" % pattern)

    def run(self, command, deadline):
        """Type 'command'; its output up to the next prompt."""
        self.expect(r"xsh \$ ", deadline)
        start = self.pos
        self.bt.send(command.encode() + b"\n")
        self.expect(r"xsh \$ ", deadline)
        self.pos -= len("xsh $ ")
        return self.bt.text()[start:self.pos]


    def background(self, command, started, deadline):
        """Type 'command &', wait until its output matches 'started',
        then for the output of an echo, so the next run() starts at a
        prompt that comes after both."""
        self.expect(r"xsh \$ ", deadline)
        self.bt.send(command.encode() + b" &\n")
        self.expect(started, deadline)
        self.bt.send(b"echo synced\n")
        self.expect(r"^synced$", deadline)


def heap_free(text):
    m = re.search(r"kernel heap .*?(\d+) free", text)
    return int(m.group(1)) if m else None


def counters(text):
    return {k: int(v) for k, v in re.findall(r"\b([a-z]+) (\d+)\b", text)}


def on_wire(opts, body, append="net.ip=10.0.0.2/24", case=None):
    """Boot Xinu with 'append' on a link whose other end is this script:
    the shell, or in-kernel case 'case' (test=case).  body(wire, con,
    deadline) drives it and returns a reason to fail or None; then the
    shell is told to exit (or the case ends) and the boot is judged.
    Returns (reason or None, console)."""
    wire = Wire()
    (qport,) = free_ports(1)
    wire.peer = qport
    words = "test=%s %s" % (case, append) if case else append
    cmd = runner.qemu_command(opts.kernel, words.strip(), opts.mem,
                              runner.nic(link(qport, wire.port), MAC_B))
    bt = runner.Boot(cmd)
    con = Console(bt)
    deadline = time.monotonic() + runner.limit(opts)
    try:
        why = body(wire, con, deadline)
        if why:
            bt.kill()
            return why, bt.text()
        if case is None:
            bt.send(b"exit\n")
        status = bt.finish(deadline)
    except TimeoutError as e:
        bt.kill()
        return runner.judge(bt.text(), 0, False, 0) or str(e), bt.text()
    finally:
        wire.sock.close()
    if case:
        return runner.test_verdict(case, bt.text(), status), bt.text()
    return runner.judge(bt.text(), status, status is None,
                        runner.EXIT_DONE), bt.text()


def shell_up(wire, con, deadline):
    """Wait for the shell's address line; teach Xinu our MAC (it learns
    the sender of an ARP request for its address): None, or why not."""
    con.expect(r"^  ip       10\.0\.0\.2/24", deadline)
    wire.send(ether(BCAST, 0x0806, arp(1, XINU_IP)))
    if not wire.wait(is_arp_reply, deadline):
        return "no ARP reply for 10.0.0.2"
    return None


# (QEMU's e1000 pads short frames to 60 bytes, so no runt reaches Xinu)
DROPS = ("type", "arpbad", "arpother", "ipbad", "ipother", "frag",
         "proto", "icmpbad", "udpbad", "noport")


def test_malformed_frames(opts):
    def body(wire, con, deadline):
        why = shell_up(wire, con, deadline)
        if why:
            return why
        before = heap_free(con.run("mem", deadline))
        if not ping(wire, 1, deadline):
            return "no echo reply before the bad frames"
        frames = malformed(random.Random(17))
        for i, (label, frame) in enumerate(frames):
            wire.send(frame)
            if i % 50 == 49:
                time.sleep(0.01)    # the link is a socket: let it drain
        if not ping(wire, 2, deadline):
            return "no echo reply after %d bad frames" % len(frames)
        info = counters(con.run("netinfo", deadline))
        zero = [k for k in DROPS if info.get(k, 0) == 0]
        if zero:
            return "netinfo counted no drop of: " + " ".join(zero)
        cache = con.run("arp", deadline)
        hosts = re.findall(r"^(\d+\.\d+\.\d+\.\d+) ", cache, re.M)
        if hosts != ["10.0.0.1"]:
            return "ARP cache holds %s, wanted only 10.0.0.1" % hosts
        after = heap_free(con.run("mem", deadline))
        if before is None or before != after:
            return "kernel heap free %s before, %s after" % (before, after)
        return None
    return on_wire(opts, body)


def udp_from_xinu(dport=None):
    """A frame test: a UDP datagram from Xinu (to port 'dport')."""
    def want(f):
        return len(f) >= 42 and f[12:14] == b"\x08\x00" and f[23] == 17 \
            and f[26:30] == XINU_IP \
            and (dport is None or struct.unpack("!H", f[36:38])[0] == dport)
    return want


def ip_from_xinu(f):
    return len(f) >= 34 and f[12:14] == b"\x08\x00" and f[26:30] == XINU_IP


def echo_server_up(wire, con, deadline):
    """shell_up, then udpecho -s in the background (port 7)."""
    why = shell_up(wire, con, deadline)
    if not why:
        con.background("udpecho -s", r"echoing on port 7 .*\n", deadline)
    return why


def echoed(wire, data, deadline):
    """Send 'data' from port 5000 to Xinu's echo port; True when it comes
    back whole."""
    wire.send(udp_frame(5000, 7, data))
    f = wire.wait(udp_from_xinu(5000), min(deadline, time.monotonic() + 2))
    return f is not None and f[42:42 + len(data)] == data and \
        struct.unpack("!H", f[38:40])[0] == 8 + len(data)


# 1476 and 1480 bytes of UDP data: frames of 1518 and 1522 bytes, more
# than the 1514 of Ethernet, which QEMU's e1000 still passes in
OVERSIZE = ((1476, 16), (1480, 24))


def test_oversize_frames(opts):
    def body(wire, con, deadline):
        why = echo_server_up(wire, con, deadline)
        if why:
            return why
        if not echoed(wire, bytes(range(256)) * 5 + b"m" * 192, deadline):
            return "a datagram of 1472 bytes (a 1514-byte frame) was " \
                "not echoed whole"
        for size, count in OVERSIZE:
            for i in range(count):
                wire.send(udp_frame(5000, 7, bytes([i]) * size))
                if i % 8 == 7:
                    time.sleep(0.01)
        if not ping(wire, 3, deadline):
            return "no echo reply after the oversize frames"
        con.run("ps", deadline)
        if runner.PANIC.search(con.bt.text()):
            return "ps after the oversize frames: " + \
                runner.PANIC.search(con.bt.text()).group(0)
        info = counters(con.run("netinfo", deadline))
        want = sum(count for _, count in OVERSIZE)
        if info.get("oversize") != want:
            return "netinfo counts oversize %s, wanted %d" % (
                info.get("oversize"), want)
        if wire.wait(udp_from_xinu(5000), time.monotonic() + 0.2):
            return "an oversize datagram was echoed (cut short)"
        if not echoed(wire, b"still here", deadline):
            return "udpecho stopped echoing"
        return None
    return on_wire(opts, body)


MARTIANS = ("10.0.0.2", "255.255.255.255", "10.0.0.255", "224.0.0.1",
            "0.0.0.0", "127.0.0.1")


def test_martian_sources(opts):
    def body(wire, con, deadline):
        why = echo_server_up(wire, con, deadline)
        if why:
            return why
        for i, src in enumerate(MARTIANS):
            a = socket.inet_aton(src)
            wire.send(udp_frame(7, 7, b"echo me", src=a))
            wire.send(ip_frame(1, icmp_echo(10 + i), src=a))
        # 0.0.0.0 to port 67 is what a DHCP client with no address
        # sends: let through (and counted as noport: nobody serves it)
        wire.send(ether(BCAST, 0x0800, ip(17, udp(
            68, 67, b"discover", src=b"\0" * 4, dst=b"\xff" * 4),
            src=b"\0" * 4, dst=b"\xff" * 4)))
        answers, end = [], time.monotonic() + 0.5    # time for a loop
        f = wire.wait(ip_from_xinu, end)
        while f:
            answers.append(f)
            f = wire.wait(ip_from_xinu, end)
        if not ping(wire, 1, deadline):     # netin has read them all
            return "no echo reply after the martians"
        info = counters(con.run("netinfo", deadline))
        want = {"looped": 0, "martian": 2 * len(MARTIANS), "ip": 2,
                "udp": 0, "noport": 1, "echoes": 1}
        bad = ["%s %s (wanted %d)" % (k, info.get(k), v)
               for k, v in want.items() if info.get(k) != v]
        if bad:
            return "netinfo counts " + ", ".join(bad)
        if answers:
            return "answered martians: frames from Xinu to " + " ".join(
                socket.inet_ntoa(f[30:34]) for f in answers)
        if not echoed(wire, b"a real one", deadline):
            return "udpecho stopped echoing"
        return None
    return on_wire(opts, body)


def arp_reply(spa, sha, tpa=XINU_IP, tha=XINU_MAC):
    """An ARP reply from 'sha' saying 'spa' is at 'sha'."""
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + sha + spa + tha + \
        tpa
    return XINU_MAC + sha + b"\x08\x06" + body


def arp_cache(con, deadline):
    """Xinu's resolved ARP entries: {address: MAC}."""
    return dict(re.findall(r"^(\d+\.\d+\.\d+\.\d+) +([0-9a-f:]{17}) "
                           r"resolved", con.run("arp", deadline), re.M))


def is_arp_request_for(tpa):
    def want(f):
        return len(f) >= 42 and f[12:14] == b"\x08\x06" and \
            f[20:22] == b"\x00\x01" and f[38:42] == tpa
    return want


def test_arp_unsolicited(opts):
    fake = bytes.fromhex("026666666667")
    host = "02:00:00:00:00:01"

    def body(wire, con, deadline):
        why = shell_up(wire, con, deadline)
        if why:
            return why
        for i in range(60, 80):     # replies nobody asked for
            wire.send(arp_reply(socket.inet_aton("10.0.0.%d" % i), fake))
        wire.send(arp_reply(XINU_IP, fake))         # our own address
        wire.send(arp_reply(HOST_IP, fake))         # a known host's
        wire.send(ether(BCAST, 0x0806, arp(         # a request claiming
            1, XINU_IP, XINU_IP, fake)))            # our address
        wire.send(ether(BCAST, 0x0806, arp(         # a broadcast MAC
            1, XINU_IP, socket.inet_aton("10.0.0.7"), BCAST)))
        wire.send(ether(BCAST, 0x0806, arp(         # a request for
            1, socket.inet_aton("10.0.0.9"), HOST_IP, fake)))  # another
        if not ping(wire, 1, deadline):     # netin has read them all
            return "no echo reply after the ARP frames"
        cache = arp_cache(con, deadline)
        if cache != {"10.0.0.1": host}:
            return "after unsolicited ARP the cache holds %s, wanted only" \
                " 10.0.0.1 at %s" % (cache, host)
        # a reply to a request Xinu sent and still waits for is learned;
        # one that comes after it gave up is not
        con.expect(r"xsh \$ ", deadline)
        con.bt.send(b"ping 10.0.0.5 1\n")
        if not wire.wait(is_arp_request_for(socket.inet_aton("10.0.0.5")),
                         deadline):
            return "no ARP request for 10.0.0.5"
        peer = bytes.fromhex("020000000005")
        wire.send(arp_reply(socket.inet_aton("10.0.0.5"), peer))
        con.run("ping 10.0.0.6 1", deadline)        # no one answers
        wire.send(arp_reply(socket.inet_aton("10.0.0.6"), peer))
        if not ping(wire, 2, deadline):
            return "no echo reply after the late ARP reply"
        cache = arp_cache(con, deadline)
        if cache != {"10.0.0.1": host, "10.0.0.5": "02:00:00:00:00:05"}:
            return "the cache holds %s, wanted 10.0.0.1 and 10.0.0.5 " \
                "(the one reply asked for)" % cache
        info = counters(con.run("netinfo", deadline))
        if info.get("unasked") != 23 or info.get("arpbad") != 1:
            return "netinfo counts unasked %s (wanted 23), arpbad %s " \
                "(wanted 1)" % (info.get("unasked"), info.get("arpbad"))
        return None
    return on_wire(opts, body)


def test_read_whole_frames(opts):
    """net_read_whole_frames stops netin and reads ETHER0 itself: frames
    longer than its buffer (64 bytes, then ETH_BUFSIZE) or than 1514
    bytes are dropped and counted, never cut short."""
    def frame(n, mark):
        return XINU_MAC + HOST_MAC + b"\x88\xb5" + bytes([mark]) * (n - 14)

    def body(wire, con, deadline):
        con.expect(r"^reading frames$", deadline)
        for n, mark in ((100, 1), (60, 2), (1518, 3), (1522, 4),
                        (1514, 5)):
            wire.send(frame(n, mark))
        return None
    return on_wire(opts, body, case="net_read_whole_frames")


def dhcp_answer(request, kind, yiaddr, pad=0):
    """A DHCP answer of 'kind' (2 OFFER, 5 ACK) to the frame 'request',
    offering 'yiaddr', its options behind 'pad' PAD options."""
    req = request[42:]
    opts = b"\0" * pad + bytes([53, 1, kind]) + bytes([54, 4]) + HOST_IP + \
        bytes([51, 4]) + struct.pack("!I", 600) + bytes([1, 4, 255, 255,
                                                         255, 0]) + \
        bytes([3, 4]) + HOST_IP + b"\xff"
    msg = bytes([2, 1, 6, 0]) + req[4:8] + b"\0" * 8 + \
        socket.inet_aton(yiaddr) + HOST_IP + b"\0" * 4 + req[28:44] + \
        b"\0" * 192 + struct.pack("!I", 0x63825363) + opts
    bc = b"\xff" * 4
    return ether(BCAST, 0x0800, ip(17, udp(67, 68, msg, src=HOST_IP, dst=bc),
                                   src=HOST_IP, dst=bc))


def dhcp_request_kind(f):
    """The DHCP message type (and requested address) of a frame from
    Xinu to port 67, or None."""
    if len(f) < 42 + 244 or f[12:14] != b"\x08\x00" or f[23] != 17 or \
            f[36:38] != b"\x00\x43":
        return None
    o, kind, want = 42 + 240, None, None
    while o + 1 < len(f) and f[o] != 255:
        if f[o] == 0:
            o += 1
            continue
        if f[o] == 53:
            kind = f[o + 2]
        if f[o] == 50:
            want = socket.inet_ntoa(f[o + 2:o + 6])
        o += 2 + f[o + 1]
    return kind, want


def test_dhcp_answers(opts):
    """This script is the DHCP server: its first OFFER is of 127.0.0.1,
    which Xinu must refuse; then it offers 10.0.0.2 in answers of 588
    bytes whose options start after byte 552 (PADs before them)."""
    def body(wire, con, deadline):
        offers = 0
        while True:
            f = wire.wait(lambda f: dhcp_request_kind(f) is not None,
                          min(deadline, time.monotonic() + 5))
            if f is None:
                return "no DHCP request from Xinu (%d offers made)" % offers
            kind, want = dhcp_request_kind(f)
            if kind == 1:           # DISCOVER
                wire.send(dhcp_answer(f, 2, "127.0.0.1" if offers == 0
                                      else "10.0.0.2", 0 if offers == 0
                                      else 320))
                offers += 1
            elif kind == 3:         # REQUEST
                if want != "10.0.0.2":
                    return "Xinu requested %s" % want
                wire.send(dhcp_answer(f, 5, "10.0.0.2", 320))
                break
        con.expect(r"^  ip       10\.0\.0\.2/24 router 10\.0\.0\.1 \(DHCP "
                   r"from 10\.0\.0\.1, lease 600 s\)$", deadline)
        return None
    return on_wire(opts, body, append="")


TESTS = {"dhcp_gateway": test_dhcp_gateway,
         "static_user": test_static_user,
         "two_machines": test_two_machines,
         "malformed_frames": test_malformed_frames,
         "oversize_frames": test_oversize_frames,
         "martian_sources": test_martian_sources,
         "arp_unsolicited": test_arp_unsolicited,
         "read_whole_frames": test_read_whole_frames,
         "dhcp_answers": test_dhcp_answers}


def run(name, opts):
    """Run network test 'name'; returns a runner.Result."""
    start = time.monotonic()
    why, console = TESTS[name](opts)
    return runner.timed(start, why, console)


def bench(opts):
    """Boot the bench_net_echo / bench_net_udp pair once; returns
    (reason or None, the console of the measuring side)."""
    return run_pair("bench_net_echo", "bench_net_udp", opts)
