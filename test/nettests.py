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
  dhcp_bad_leases   leases of the subnet's broadcast and network number
                  are refused; a broadcast router is left out
  ping_killed       a pinger killed while it waits: its late reply wakes
                  no new process given its pid (net_ping_killed)
  arp_killed        20 processes killed while they wait for ARP: no
                  pending entry and no frame buffer left behind
                  (net_arp_killed)
  stage_eth_write, stage_eth_read, stage_udp_recv
                  with swap on a disk (vm.ffs=4), children killed while
                  an ETHER0 write, an ETHER0 read (of frames this end
                  sends) or udp_recv blocks on their swapped-out buffer:
                  no transmit credit lost, no frame or datagram taken
                  twice, the kernel heap as before (test/kernel/
                  netstage.c)
  stage_dhcp_killed processes killed while dhcp_run waits (this end
                  never answers): no message or UDP slot left behind
The fuzzer (netfuzz.py makes the frames with scapy, netmodel.py says
what Xinu must count and answer for each):
  fuzz              FUZZ (100,000) mutated ARP, ICMP, UDP and DHCP
                  frames, sent in batches of 24 each followed by a ping
                  whose answer paces the next (so none is dropped
                  unseen): every answer (ARP and echo replies) byte for
                  byte and in order, every netinfo count, the kernel
                  heap as before and sound, no process killed
  fuzz_arp, fuzz_icmp, fuzz_udp
                  20,000 frames of one category each; the ARP cache
                  holds only hosts learned from requests for us; every
                  echo reply is checked; udpecho -s echoes every
                  datagram it queues (this end answers its ARP requests
                  as the hosts of the subnet)
  fuzz_dhcp         net_dhcp_rounds runs DHCP 100 times against mutated
                  answers; each run takes what the model's client takes
                  and no transaction id repeats
Linux as the peer:
  linux_peer        a network namespace of its own (unshare -n) with a
                  tap device, QEMU on it: Linux's ping (5, 3 of 1472
                  bytes, 200 at 2 ms) and 50 datagrams from a Python
                  UDP socket to udpecho -s, all answered; SKIP where
                  there is no /dev/net/tun or namespace
The in-kernel cases are declared NETTEST (test/kernel/nettest.h), so
the runner's plain kernel tests, which boot without a NIC, leave them
out.  bench() boots the bench_net_* pair of test/kernel/bench.c the
same way for make bench.
"""

import collections
import os
import random
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

import xinu
from xinu import qemu, runner, verdict
from netmodel import DhcpClient, Model, cksum

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
    cmd = qemu.qemu_command(kernel or opts.kernel,
                              ("test=%s %s" % (case, append)).strip(),
                              opts.mem, qemu.nic(netdev, mac))
    return qemu.Boot(cmd)


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
        why = why or verdict.test_verdict(name, bt.text(), st)
    console = "--- A (10.0.0.1) ---\n%s--- B (10.0.0.2) ---\n%s" % (
        a.text(), b.text())
    return why, console


def test_dhcp_gateway(opts):
    b = boot("net_dhcp_gateway", "", "user", None, opts)
    status = b.finish(time.monotonic() + runner.limit(opts))
    return verdict.test_verdict("net_dhcp_gateway", b.text(), status), \
        b.text()


def test_static_user(opts):
    b = boot("net_static_user", "net.ip=10.0.2.15/24 net.gw=10.0.2.2",
             "user", None, opts)
    status = b.finish(time.monotonic() + runner.limit(opts))
    return verdict.test_verdict("net_static_user", b.text(), status), \
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


def on_wire(opts, body, append="net.ip=10.0.0.2/24", case=None,
            disk=False):
    """Boot Xinu with 'append' on a link whose other end is this script:
    the shell, or in-kernel case 'case' (test=case), with a private disk
    image when 'disk' (qemu.disk_image).  body(wire, con,
    deadline) drives it and returns a reason to fail or None; then the
    shell is told to exit (or the case ends) and the boot is judged,
    and so are the kernel's events (its COM2 port): a process it killed
    fails the test.  Returns (reason or None, console)."""
    wire = Wire()
    (qport,) = free_ports(1)
    wire.peer = qport
    tmp = tempfile.mkdtemp(prefix="xinu-net-")
    events = os.path.join(tmp, "events")
    words = "test=%s %s" % (case, append) if case else append
    extra = qemu.nic(link(qport, wire.port), MAC_B)
    if disk:
        extra += qemu.drive_args(qemu.disk_image(
            os.path.join(tmp, "disk.img")))
    cmd = qemu.qemu_command(opts.kernel, words.strip(), opts.mem, extra,
                            events=events)
    bt = qemu.Boot(cmd)
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
        why = killed(events)
    except TimeoutError as e:
        bt.kill()
        return verdict.judge(bt.text(), 0, False, 0) or str(e), bt.text()
    finally:
        wire.sock.close()
        bt.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    if case:
        return verdict.test_verdict(case, bt.text(), status) or why, \
            bt.text()
    return verdict.judge(bt.text(), status, status is None,
                        verdict.EXIT_DONE) or why, bt.text()


def killed(events):
    """Why the kernel's events (the file 'events') fail a test: a
    process killed, a panic, a tampered channel; or None."""
    with open(events, encoding="latin-1") as f:
        evs, tampered = verdict.parse_events(f.read(), False)
    dead = verdict.event_kills(evs)
    panics = [t for k, t in evs if k == "panic"]
    if tampered:
        return "the event channel: " + tampered
    if panics:
        return "event: panic " + panics[0]
    if dead:
        return "the kernel killed " + ", ".join("P%d (%s)" % k for k in dead)
    return None


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
        if verdict.PANIC.search(con.bt.text()):
            return "ps after the oversize frames: " + \
                verdict.PANIC.search(con.bt.text()).group(0)
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


def dhcp_answer(request, kind, yiaddr, pad=0, mask="255.255.255.0",
                router=HOST_IP):
    """A DHCP answer of 'kind' (2 OFFER, 5 ACK) to the frame 'request',
    offering 'yiaddr' with 'mask' and 'router', its options behind 'pad'
    PAD options."""
    req = request[42:]
    opts = b"\0" * pad + bytes([53, 1, kind]) + bytes([54, 4]) + HOST_IP + \
        bytes([51, 4]) + struct.pack("!I", 600) + bytes([1, 4]) + \
        socket.inet_aton(mask) + bytes([3, 4]) + router + b"\xff"
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


def echo_answer(req):
    """The reply of this end (10.0.0.1) to Xinu's echo request 'req'."""
    body = bytearray(req[34:])
    body[0], body[2:4] = 0, b"\0\0"
    body[2:4] = struct.pack("!H", cksum(bytes(body)))
    return ip_frame(1, bytes(body))


def test_ping_killed(opts):
    """net_ping_killed pings 10.0.0.1 (this end answers its ARP request,
    not its ping), kills the pinger, gives a new process its pid, and
    then this end sends the ping's reply: the new process must get no
    message from it."""
    def body(wire, con, deadline):
        if not wire.wait(is_arp_request_for(HOST_IP), min(
                deadline, time.monotonic() + 10)):
            return "no ARP request for 10.0.0.1 from Xinu"
        wire.send(arp_reply(HOST_IP, HOST_MAC))
        req = wire.wait(lambda f: ip_from_xinu(f) and f[23] == 1 and
                        f[34] == 8, min(deadline, time.monotonic() + 5))
        if req is None:
            return "no echo request from Xinu"
        ident, seq = struct.unpack("!HH", req[38:42])
        m = con.expect(r"^ping (\d+) killed: reply now$", deadline)
        if int(m.group(1)) != ident:
            return "the echo request's id is %d, the pinger %s" % (
                ident, m.group(1))
        wire.send(echo_answer(req))
        return None
    return on_wire(opts, body, case="net_ping_killed")


def test_arp_killed(opts):
    """net_arp_killed kills 20 processes while they wait for ARP answers
    nobody gives; then it pings 10.0.0.1, whose ARP request this end
    answers, as it does the ping."""
    def body(wire, con, deadline):
        if not wire.wait(is_arp_request_for(HOST_IP), min(
                deadline, time.monotonic() + 15)):
            return "no ARP request for 10.0.0.1 from Xinu (the cache " \
                "is full of pending entries?)"
        wire.send(arp_reply(HOST_IP, HOST_MAC))
        req = wire.wait(lambda f: ip_from_xinu(f) and f[23] == 1 and
                        f[34] == 8, min(deadline, time.monotonic() + 5))
        if req is None:
            return "no echo request from Xinu"
        wire.send(echo_answer(req))
        return None
    return on_wire(opts, body, case="net_arp_killed")


# The stage_* cases (test/kernel/netstage.c) kill children while they
# block in a network call on a heap page swapped out to the disk
STAGE_SWAP = "net.ip=10.0.0.2/24 vm.swapdev=disk vm.ffs=4 vm.swap=64"


def stage_case(case, append=STAGE_SWAP, disk=True):
    """A test that boots in-kernel case 'case' on a link to this script,
    which sends nothing and answers nothing."""
    def test(opts):
        return on_wire(opts, lambda wire, con, deadline: None, append,
                       case, disk)
    return test


def test_stage_eth_read(opts):
    """net_stage_eth_read stops netin and asks for frames: this end
    sends them (their bytes after the header their number, from 1), and
    the case kills readers while they copy them out."""
    def body(wire, con, deadline):
        n = int(con.expect(r"^send (\d+) frames$", deadline).group(1))
        for i in range(1, n + 1):
            wire.send(ether(XINU_MAC, 0x88B5, bytes([i]) * 46))
        return None
    return on_wire(opts, body, STAGE_SWAP, "net_stage_eth_read", True)


# The leases the DHCP server of dhcp_bad_leases gives, in turn: the
# subnet's broadcast and network number (refused), then 10.0.0.2 with
# a mask that is not contiguous (taken as /24) and the broadcast
# address as its router (left out)
BAD_LEASES = (("10.0.0.255", "255.255.255.0", HOST_IP),
              ("10.0.0.0", "255.255.255.0", HOST_IP),
              ("10.0.0.2", "255.0.255.0", b"\xff" * 4))


def test_dhcp_bad_leases(opts):
    """This script is the DHCP server (BAD_LEASES): Xinu must refuse the
    broadcast and network addresses, and take 10.0.0.2/24 with no
    router, so a ping off the subnet cannot be sent (with the broadcast
    address as its router it went to the Ethernet broadcast)."""
    def body(wire, con, deadline):
        leases = list(BAD_LEASES)
        while leases:
            f = wire.wait(lambda f: dhcp_request_kind(f) is not None,
                          min(deadline, time.monotonic() + 5))
            if f is None:
                con.bt.pump(time.monotonic() + 0.5)
                took = re.search(r"^  ip       [^\n]*", con.bt.text(), re.M)
                return "no DHCP message from Xinu after the lease of %s " \
                    "(%s)" % (BAD_LEASES[-len(leases) - 1][0], took.group(0)
                              .strip() if took else "no address line")
            kind, want = dhcp_request_kind(f)
            yiaddr, mask, router = leases[0]
            if kind == 3 and want != yiaddr:
                return "Xinu requested %s, not %s" % (want, yiaddr)
            wire.send(dhcp_answer(f, 2 if kind == 1 else 5, yiaddr,
                                  mask=mask, router=router))
            if kind == 3:
                leases.pop(0)
        line = con.expect(r"^  ip       [^\n]*\n", deadline).group(0)[:-1]
        if line != "  ip       10.0.0.2/24 (DHCP from 10.0.0.1, lease 600 s)":
            return "the boot took: " + line.strip()
        out = con.run("ping 192.0.2.1 1", deadline)
        if "cannot send (no route: no router)" not in out:
            return "ping 192.0.2.1: " + out.strip()
        if wire.wait(ip_from_xinu, time.monotonic() + 0.3):
            return "a datagram from Xinu went on the wire"
        return None
    return on_wire(opts, body, append="")


# ---------------------------------------------------------------------
# The fuzzer: netfuzz.py's frames (scapy), every answer and count checked
# against netmodel.Model

NETFUZZ = os.path.join(xinu.TOP, "test/netfuzz.py")
SCAPY_PYTHON = "/usr/bin/python3"   # Debian's, for which python3-scapy is
FUZZ_COUNT = 100000                 # net:fuzz's frames (make test FUZZ=)
FUZZ_SEED = 1                       # ... and their seed (FUZZSEED=)
FUZZ_BATCH = 24                     # frames between two pacing pings
FUZZ_WAIT = 3.0                     # s for the answers to one batch
FLOW_ID = 0xF10F                    # the pacing pings' ICMP id
# netinfo's counts the model predicts, and those that must stay 0
MODELLED = ("rx", "tx", "oversize", "frames", "arp", "ip", "icmp", "udp",
            "echoes", "sent", "runts", "type", "arpbad", "arpother",
            "unasked", "ipbad", "martian", "ipother", "frag", "proto",
            "icmpbad", "udpbad", "noport", "full")
ZERO = ("bad", "missed", "overruns", "looped")


def fuzz_frames(kind, count, seed):
    """netfuzz.py's 'count' frames of 'kind' (run by Debian's python3,
    scapy installed first: a machine that cannot have it skips)."""
    import bootpaths
    why = bootpaths.build("need", "py.scapy:python3-scapy")
    if why:
        raise runner.Skip("scapy: " + why)
    r = subprocess.run([SCAPY_PYTHON, NETFUZZ, kind, str(count), str(seed)],
                       capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("netfuzz.py failed: " +
                           r.stderr.decode(errors="replace")[-300:])
    data, frames, at = r.stdout, [], 0
    while at < len(data):
        n = struct.unpack("!H", data[at:at + 2])[0]
        frames.append(data[at + 2:at + 2 + n])
        at += 2 + n
    return frames


def flow_ping(seq):
    """A pacing ping from the host: its answer says netin has read every
    frame sent before it."""
    body = struct.pack("!BBHHH", 8, 0, 0, FLOW_ID, seq & 0xFFFF) + b"pace"
    body = body[:2] + struct.pack("!H", cksum(body)) + body[4:]
    return ip_frame(1, body)


def same_frame(got, want):
    """Is 'got' the frame 'want', but for zeros QEMU may pad it with?"""
    return got[:len(want)] == want and not any(got[len(want):])


def is_arp_request(f):
    return len(f) >= 42 and f[12:14] == b"\x08\x06" and \
        f[20:22] == b"\x00\x01"


class Stream:
    """Frames to Xinu, each first through the model; in batches, each
    followed by a pacing ping whose answer must come before the batch
    after next goes (so no more than two batches wait in the NIC's ring
    and the link's socket, and none is dropped unseen).  What Xinu
    sends is checked in order against the model's answers: netin's
    (ARP and echo replies) in one line, udpecho's in another (it runs
    beside netin).  With 'hosts', ARP requests from Xinu are answered
    as the hosts of its subnet would (udpecho echoes to any of them)."""

    def __init__(self, wire, model, deadline, hosts=False):
        self.wire, self.model, self.deadline = wire, model, deadline
        self.hosts = hosts
        self.replies = collections.deque()      # (frame number, frame)
        self.echoes = collections.deque()       # (frame number, datagram)
        self.expected = [0, 0]                  # ... so far, each line
        self.seen = [0, 0]
        self.frames = []                        # every frame sent
        self.received = 0                       # frames from Xinu
        self.flows = 0
        self.why = None

    def send(self, frame):
        n = len(self.frames)
        self.frames.append(frame)
        for a in self.model.take(frame):
            if isinstance(a, bytes):
                self.replies.append((n, a))
                self.expected[0] += 1
            elif a[1][:3] == XINU_IP[:3] and a[2] != 0:
                self.echoes.append((n, a))      # on our link: echoed
                self.expected[1] += 1
                self.model.counts.update(("sent", "tx"))
        self.wire.send(frame)

    def mismatch(self, n, what, got):
        self.why = self.why or "frame #%d (%s): %s; Xinu sent %s" % (
            n, self.frames[n].hex(), what, got.hex() if got else "nothing")

    def arp_answer(self, f):
        """Answer Xinu's request for a host of its subnet (as that host,
        at 02:00:00:00:00:xx); the model counts the reply in."""
        sha = b"\x02\x00\x00\x00\x00" + f[41:42]
        reply = arp_reply(f[38:42], sha)
        self.model.counts.update(("sent", "tx", "rx", "frames", "arp"))
        self.wire.send(reply)

    def take(self, f):
        """One frame from Xinu, matched against what the model said."""
        self.received += 1
        if self.hosts and is_arp_request(f):
            self.arp_answer(f)
            return
        if self.echoes and f[12:14] == b"\x08\x00" and len(f) >= 42 \
                and f[23] == 17 and f[34:36] == b"\x00\x07":
            n, (_, src, sport, data) = self.echoes.popleft()
            self.seen[1] += 1
            want = udp(7, sport, data, src=XINU_IP, dst=src)
            if f[26:34] != XINU_IP + src or \
                    not same_frame(f[34:], want):
                self.mismatch(n, "wanted its datagram echoed", f)
            return
        if not self.replies:
            self.why = self.why or "Xinu sent a frame the model did not " \
                "expect after frame #%d: %s" % (len(self.frames) - 1, f.hex())
            return
        n, want = self.replies.popleft()
        self.seen[0] += 1
        if not same_frame(f, want):
            self.mismatch(n, "wanted %s" % want.hex(), f)

    def wait(self, marks, secs):
        """Read Xinu's frames until 'marks' answers came on each line;
        False on a mismatch or after 'secs' without them."""
        end = min(self.deadline, time.monotonic() + secs)
        while not self.why and (self.seen[0] < marks[0]
                                or self.seen[1] < marks[1]):
            left = end - time.monotonic()
            if left <= 0:
                line = 0 if self.seen[0] < marks[0] else 1
                n, want = (self.replies, self.echoes)[line][0]
                self.why = "frame #%d (%s): no answer from Xinu after " \
                    "%g s (wanted %s)" % (n, self.frames[n].hex(), secs,
                                          want.hex() if line == 0
                                          else "its datagram echoed")
                break
            self.wire.sock.settimeout(max(0.005, left))
            try:
                self.take(self.wire.sock.recv(4096))
            except socket.timeout:
                continue
        return self.why is None

    def run(self, frames, batch=FUZZ_BATCH):
        """Send 'frames' in batches, paced; None or why they failed."""
        last = None
        for at in range(0, len(frames), batch):
            for f in frames[at:at + batch]:
                self.send(f)
            self.send(flow_ping(self.flows))
            self.flows += 1
            if last and not self.wait(last, FUZZ_WAIT):
                return self.why
            last = list(self.expected)
        if last and not self.wait(last, FUZZ_WAIT):
            return self.why
        return self.why


def heap_check(text):
    """The free bytes of the kernel heap in 'mem''s output, and why its
    free list is not sound (blocks out of order, overlapping, outside
    the heap, or not adding up to the free bytes), or None."""
    m = re.search(r"kernel heap 0x([0-9a-f]+)-0x([0-9a-f]+): \d+ bytes, "
                  r"(\d+) free", text)
    if not m:
        return None, "no heap line in mem's output"
    lo, hi, free = int(m.group(1), 16), int(m.group(2), 16), int(m.group(3))
    blocks = [(int(a, 16), int(b, 16)) for a, b in re.findall(
        r"^  0x([0-9a-f]+)-0x([0-9a-f]+) +\d+ bytes", text, re.M)]
    if "... and" in text:
        return free, None               # too many to list: not checked
    end = lo - 1
    for a, b in blocks:
        if a <= end or b > hi or b < a:
            return free, "free block 0x%x-0x%x out of order or outside " \
                "the heap" % (a, b)
        end = b
    if sum(b - a + 1 for a, b in blocks) != free:
        return free, "the free blocks do not add up to %d" % free
    return free, None


def netinfo(con, deadline):
    return counters(con.run("netinfo", deadline))


def check_counts(model, before, after):
    """Why netinfo's counts moved otherwise than the model says (UDP
    queued and dropped as full count together), or None."""
    bad = []
    for k in MODELLED:
        got = after.get(k, 0) - before.get(k, 0)
        want = model.counts[k]
        if k == "udp":
            got += after.get("full", 0) - before.get("full", 0)
        if k == "full":
            continue
        if got != want:
            bad.append("%s %+d (model %+d)" % (k, got, want))
    bad += ["%s %d" % (k, after.get(k)) for k in ZERO if after.get(k)]
    return "netinfo: " + ", ".join(bad) if bad else None


def fuzz_session(kind, count, seed, ports=(), setup=None, check=None,
                 batch=FUZZ_BATCH):
    """A test body: Xinu's shell on a link to this script; 'count'
    frames of 'kind' through a Stream, then ping, every netinfo count
    against the model, the kernel heap as before and sound, ps."""
    made = time.monotonic()
    frames = fuzz_frames(kind, count, seed)
    made = time.monotonic() - made

    def body(wire, con, deadline):
        wire.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        why = shell_up(wire, con, deadline)
        if why:
            return why
        if setup:
            setup(con, deadline)
        free, why = heap_check(con.run("mem", deadline))
        if why:
            return "before the frames: " + why
        before = netinfo(con, deadline)
        model = Model(XINU_MAC, XINU_IP, ports)
        model.learned[HOST_IP] = HOST_MAC       # shell_up taught it
        stream = Stream(wire, model, deadline, hosts=bool(ports))
        start = time.monotonic()
        why = stream.run(frames, batch)
        secs = time.monotonic() - start
        con.bt.out += ("\nfuzz: %d %s frames (seed %d), made in %.1f s, "
                       "sent in %.1f s, %d answers\n" % (
                           len(frames), kind, seed, made, secs,
                           stream.received)).encode()
        if why:
            return why
        if not ping(wire, 1, deadline):
            return "no echo reply after the frames"
        model.take(ip_frame(1, icmp_echo(1)))
        after = netinfo(con, deadline)
        why = check_counts(model, before, after)
        if why:
            return why
        if after.get("sent", 0) - before.get("sent", 0) != \
                stream.received + 1:
            return "netinfo counts %d sent, this end received %d" % (
                after.get("sent", 0) - before.get("sent", 0),
                stream.received + 1)
        if check:
            why = check(con, deadline, stream)
            if why:
                return why
        now, why = heap_check(con.run("mem", deadline))
        if why or now != free:
            return why or "kernel heap free %d before, %d after" % (free,
                                                                   now)
        con.run("ps", deadline)
        return None
    return body


def fuzz_count(opts):
    return getattr(opts, "fuzz", None) or FUZZ_COUNT


def fuzz_seed(opts):
    s = getattr(opts, "fuzz_seed", None)
    return FUZZ_SEED if s is None else s


def test_fuzz(opts):
    """FUZZ (100,000) frames of every category."""
    return on_wire(opts, fuzz_session("all", fuzz_count(opts),
                                      fuzz_seed(opts)))


def arp_cache_check(con, deadline, stream):
    """The ARP cache after ARP frames: only hosts learned from requests
    for our address, each at the MAC it last gave, 16 at most, and the
    last one learned among them (all of them when 16 or fewer)."""
    cache = arp_cache(con, deadline)
    learned = {socket.inet_ntoa(a): ":".join("%02x" % b for b in m)
               for a, m in stream.model.learned.items()}
    wrong = ["%s at %s" % (a, m) for a, m in cache.items()
             if learned.get(a) != m]
    last = list(learned)[-1]
    if wrong or len(cache) > 16 or last not in cache or \
            (len(learned) <= 16 and len(cache) != len(learned)):
        return "the ARP cache holds %s; learned (in order) %s" % (
            cache, learned)
    return None


def test_fuzz_arp(opts):
    """ARP requests, replies, probes: every reply checked, the cache
    holds only what requests for our address taught it."""
    return on_wire(opts, fuzz_session("arp", 20000, fuzz_seed(opts),
                                      check=arp_cache_check))


def test_fuzz_icmp(opts):
    """Echo requests (and other types) of every size, with IP options:
    each answer checked byte for byte."""
    return on_wire(opts, fuzz_session("icmp", 20000, fuzz_seed(opts)))


def test_fuzz_udp(opts):
    """Datagrams to udpecho -s (port 7) and others: every one it queues
    comes back whole from port 7, to hosts this end plays."""
    def setup(con, deadline):
        con.background("udpecho -s", r"echoing on port 7 .*\n", deadline)
    return on_wire(opts, fuzz_session("udp", 20000, fuzz_seed(opts), (7,),
                                      setup=setup, batch=8))


def dhcp_messages(seed):
    """The BOOTP messages (UDP data) of netfuzz.py's DHCP frames whose
    IP and UDP headers lead to them, at most 1472 bytes each."""
    out = []
    for f in fuzz_frames("dhcp", 4000, seed):
        hlen = (f[14] & 0xF) * 4 if len(f) > 14 else 0
        if f[12:14] == b"\x08\x00" and hlen >= 20 and \
                len(f) > 14 + hlen + 8:
            out.append(f[14 + hlen + 8:][:1472])
    return out


def dhcp_fields(f):
    """(message type, xid, requested address, server) of a DHCP frame
    from Xinu, addresses as ints (0: none), or None."""
    kind = dhcp_request_kind(f)
    if kind is None:
        return None
    o, server = 42 + 240, 0
    while o + 1 < len(f) and f[o] != 255:
        if f[o] == 0:
            o += 1
            continue
        if f[o] == 54:
            server = struct.unpack("!I", f[o + 2:o + 6])[0]
        o += 2 + f[o + 1]
    want = struct.unpack("!I", socket.inet_aton(kind[1]))[0] if kind[1] \
        else None
    return kind[0], f[46:50], want, server


def dhcp_frame(msg):
    bc = b"\xff" * 4
    return ether(BCAST, 0x0800, ip(17, udp(67, 68, msg, src=HOST_IP, dst=bc),
                                   src=HOST_IP, dst=bc))


def dhcp_line(run, info):
    """What net_dhcp_rounds prints for run 'run' that took 'info'."""
    if info is None:
        return "dhcp %d: none" % run
    dot = lambda a: socket.inet_ntoa(struct.pack("!I", a))  # noqa: E731
    return "dhcp %d: %s mask %08x router %s server %s lease %d" % (
        run, dot(info["yiaddr"]), info["mask"],
        dot(info["router"]), dot(info["server"]), info["lease"])


# Answers queued for one question at most, the good one included: a
# run's answers after the one it took may still be on their way when
# the next run's slot is registered, and queue there (their xid is an
# old one); two runs' worth fit the 16 entries of the slot's queue
DHCP_BURST = 8


def dhcp_rounds():
    """DHCP_ROUNDS of test/kernel/net.c: net_dhcp_rounds's runs."""
    with open(os.path.join(xinu.TOP, "test/kernel/net.c")) as f:
        return int(re.search(r"^#define\s+DHCP_ROUNDS\s+(\d+)", f.read(),
                             re.M).group(1))


def test_fuzz_dhcp(opts):
    """net_dhcp_rounds: every DISCOVER and REQUEST gets up to 7 mutated
    answers (DHCP_BURST) and then a good one (now and then a NAK or a
    martian offer); what each of its runs takes is
    the model's (netmodel.DhcpClient).  The first run is the boot's,
    answered plainly; its banner line must say so."""
    seed = fuzz_seed(opts)
    msgs = dhcp_messages(seed)
    rng = random.Random(seed)

    def mutated(req):
        m = bytearray(rng.choice(msgs))
        if len(m) >= 34 and rng.random() < 0.8:
            m[4:8] = req[46:50]                 # its xid
        if len(m) >= 34 and rng.random() < 0.9:
            m[28:34] = XINU_MAC
        return bytes(m)

    def closing(req, kind, run):
        """The good answer (or a NAK, or a martian address) to 'req'."""
        yiaddr = "10.0.0.%d" % (2 + run % 200)
        kind = 2 if kind == 1 else 5
        r = rng.random()
        if run == 0:
            return dhcp_answer(req, kind, "10.0.0.2")
        if r < 0.1:
            return dhcp_answer(req, 6, yiaddr)
        if r < 0.15:
            return dhcp_answer(req, kind, rng.choice((
                "127.0.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.5")))
        return dhcp_answer(req, kind, yiaddr, rng.choice((0, 0, 3, 200)))

    def body(wire, con, deadline):
        rounds = dhcp_rounds()
        client = DhcpClient(XINU_MAC)
        sent, xids = 0, set()
        while len(client.results) <= rounds:
            f = wire.wait(lambda f: dhcp_fields(f) is not None,
                          min(deadline, time.monotonic() + 3))
            if f is None:
                return "no DHCP message from Xinu (the model expected %s " \
                    "in run %d)" % (client.expect, len(client.results))
            fields = dhcp_fields(f)
            if fields[0] == 1 and fields[1] in xids:
                return "run %d: a DISCOVER with xid %s, which an earlier " \
                    "one had" % (len(client.results), fields[1].hex())
            xids.add(fields[1])
            why = client.asked(*fields)
            if why:
                return why + " in run %d" % len(client.results)
            if client.settle():         # what was left answers it
                continue
            run = len(client.results)
            answers = [mutated(f) for _ in range(rng.randrange(
                DHCP_BURST - len(client.queue)))] if run > 0 else []
            for m in answers:
                wire.send(dhcp_frame(m))
            last = closing(f, fields[0], run)
            wire.send(last)
            client.queue += answers + [last[42:]]
            sent += len(answers) + 1
            if not client.settle():
                return "the model's client took none of %d answers" % (
                    len(answers) + 1)
        con.bt.out += ("\nfuzz: %d DHCP answers in %d runs\n" % (
            sent, rounds + 1)).encode()
        boot = client.results[0]
        if boot is None or boot["yiaddr"] != 0x0A000002:
            return "the boot's DHCP took %s" % boot
        con.expect(r"^dhcp %d: [^\n]*\n" % rounds, deadline)
        said = re.findall(r"^dhcp \d+: .*$", con.bt.text(), re.M)
        for run, (info, line) in enumerate(zip(client.results[1:], said), 1):
            if line != dhcp_line(run, info):
                return "Xinu says '%s', the model '%s'" % (
                    line, dhcp_line(run, info))
        return None
    return on_wire(opts, body, append="", case="net_dhcp_rounds")


# ---------------------------------------------------------------------
# Linux as the peer: a network namespace of this test's own, a tap device
# in it, QEMU on the tap, and Linux's ping and UDP sockets against Xinu

TAP = "xinutap0"
TUN = "/dev/net/tun"                # where tap devices come from
LINUX_PINGS = (("-c", "5"), ("-c", "3", "-s", "1472"),
               ("-c", "200", "-i", "0.002"))
LINUX_UDP = 50                      # datagrams to udpecho -s
LINUX_UDP_CLIENT = """
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.0.0.1", 5000))
s.settimeout(2)
got = 0
for i in range(%d):
    data = bytes((i + j) & 255 for j in range(1 + i * 131 %% 1472))
    s.sendto(data, ("10.0.0.2", 7))
    try:
        back, peer = s.recvfrom(2048)
    except socket.timeout:
        continue
    got += back == data and peer == ("10.0.0.2", 7)
print("udp %%d sent, %%d echoed" %% (%d, got))
""" % (LINUX_UDP, LINUX_UDP)


class Namespace:
    """A network namespace of our own: 'unshare -n' holds it (a sleeping
    process); commands run in it through nsenter; it and its tap device
    go when the holder is killed.  Raises runner.Skip where this
    machine cannot have one."""

    def __init__(self, secs):
        if not os.path.exists(TUN):
            raise runner.Skip("no %s (no tap devices here)" % TUN)
        import bootpaths
        why = bootpaths.build("need", "ping:iputils-ping", "ip:iproute2",
                              "unshare:util-linux", "nsenter:util-linux")
        if why:
            raise runner.Skip(why)
        self.holder = subprocess.Popen(["unshare", "--net", "sleep",
                                        str(int(secs) + 10)],
                                       stderr=subprocess.PIPE)
        time.sleep(0.1)
        if self.holder.poll() is not None:
            raise runner.Skip("unshare --net: " +
                              self.holder.stderr.read().decode().strip())
        self.enter = ["nsenter", "-t", str(self.holder.pid), "-n"]
        for cmd in (["ip", "link", "set", "lo", "up"],
                    ["ip", "tuntap", "add", "dev", TAP, "mode", "tap"],
                    ["ip", "addr", "add", "10.0.0.1/24", "dev", TAP],
                    ["ip", "link", "set", TAP, "up"]):
            r = self.run(cmd)
            if r.returncode != 0:
                self.close()
                raise runner.Skip("%s: %s" % (" ".join(cmd),
                                              r.stderr.strip()))

    def run(self, cmd, timeout=30):
        return subprocess.run(self.enter + cmd, capture_output=True,
                              text=True, timeout=timeout)

    def close(self):
        self.holder.kill()
        self.holder.wait()


def linux_ping(ns, args):
    """Linux's ping of Xinu with 'args': (sent, received, its output)."""
    r = ns.run(["ping", "-n", "-q", "-W", "2"] + list(args) + ["10.0.0.2"],
               timeout=60)
    m = re.search(r"(\d+) packets transmitted, (\d+) received", r.stdout)
    if not m:
        return 0, 0, r.stdout + r.stderr
    return int(m.group(1)), int(m.group(2)), r.stdout


def test_linux_peer(opts):
    """Xinu (10.0.0.2) on a tap device in a namespace of this test's own,
    Linux (10.0.0.1) at its other end: Linux's ping (5, then 3 of 1472
    bytes: 1514-byte frames, then 200 at 2 ms) and 50 datagrams from a
    Python UDP socket to udpecho -s: all answered, every one whole;
    Xinu's heap as before and sound, nothing killed."""
    ns = Namespace(runner.limit(opts))
    tmp = tempfile.mkdtemp(prefix="xinu-net-")
    events = os.path.join(tmp, "events")
    cmd = ns.enter + qemu.qemu_command(
        opts.kernel, "net.ip=10.0.0.2/24", opts.mem,
        ["-netdev", "tap,id=n0,ifname=%s,script=no,downscript=no" % TAP,
         "-device", "e1000,netdev=n0,mac=" + MAC_B], events=events)
    bt = qemu.Boot(cmd)
    con = Console(bt)
    deadline = time.monotonic() + runner.limit(opts)
    notes = []
    try:
        con.expect(r"^  ip       10\.0\.0\.2/24", deadline)
        con.background("udpecho -s", r"echoing on port 7 .*\n", deadline)
        free, why = heap_check(con.run("mem", deadline))
        for args in LINUX_PINGS:
            sent, got, out = linux_ping(ns, args)
            notes.append("ping %s: %d sent, %d received" % (
                " ".join(args), sent, got))
            if got != sent or sent == 0:
                why = why or "Linux's ping %s: %d sent, %d received\n%s" % (
                    " ".join(args), sent, got, out)
        r = ns.run([sys.executable, "-c", LINUX_UDP_CLIENT], timeout=200)
        notes.append(r.stdout.strip() or r.stderr.strip())
        if "udp %d sent, %d echoed" % (LINUX_UDP, LINUX_UDP) not in r.stdout:
            why = why or "Linux's UDP to udpecho: " + notes[-1]
        info = netinfo(con, deadline)
        pings = sum(int(a[1]) for a in LINUX_PINGS)
        if info.get("echoes", 0) < pings or info.get("udp", 0) < LINUX_UDP:
            why = why or "netinfo counts echoes %s, udp %s (wanted %d and " \
                "%d at least)" % (info.get("echoes"), info.get("udp"), pings,
                                  LINUX_UDP)
        now, bad = heap_check(con.run("mem", deadline))
        why = why or bad or (now != free and "kernel heap free %d before, "
                             "%d after" % (free, now)) or None
        bt.send(b"exit\n")
        status = bt.finish(deadline)
        why = why or verdict.judge(bt.text(), status, status is None,
                                  verdict.EXIT_DONE) or killed(events)
    except TimeoutError as e:
        why = verdict.judge(bt.text(), 0, False, 0) or str(e)
    finally:
        bt.kill()
        ns.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return why, bt.text() + "\nlinux: " + "\nlinux: ".join(notes) + "\n"


TESTS = {"dhcp_gateway": test_dhcp_gateway,
         "static_user": test_static_user,
         "two_machines": test_two_machines,
         "malformed_frames": test_malformed_frames,
         "oversize_frames": test_oversize_frames,
         "martian_sources": test_martian_sources,
         "arp_unsolicited": test_arp_unsolicited,
         "read_whole_frames": test_read_whole_frames,
         "dhcp_answers": test_dhcp_answers,
         "dhcp_bad_leases": test_dhcp_bad_leases,
         "ping_killed": test_ping_killed,
         "arp_killed": test_arp_killed,
         "stage_eth_write": stage_case("net_stage_eth_write"),
         "stage_eth_read": test_stage_eth_read,
         "stage_udp_recv": stage_case("net_stage_udp_recv"),
         "stage_dhcp_killed": stage_case("net_stage_dhcp_killed",
                                         "net.ip=10.0.0.2/24", False),
         "fuzz": test_fuzz,
         "fuzz_arp": test_fuzz_arp,
         "fuzz_icmp": test_fuzz_icmp,
         "fuzz_udp": test_fuzz_udp,
         "fuzz_dhcp": test_fuzz_dhcp,
         "linux_peer": test_linux_peer}


def run(name, opts):
    """Run network test 'name'; returns a runner.Result."""
    start = time.monotonic()
    try:
        why, console = TESTS[name](opts)
    except runner.Skip as e:
        return runner.skipped(start, e.args[0])
    return runner.timed(start, why, console)


def bench(opts):
    """Boot the bench_net_echo / bench_net_udp pair once; returns
    (reason or None, the console of the measuring side)."""
    return run_pair("bench_net_echo", "bench_net_udp", opts)
