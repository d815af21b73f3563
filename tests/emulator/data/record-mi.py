#!/usr/bin/env python3
# Records a raw gdb/MI transcript: starts QEMU paused with a gdbstub on a UNIX socket, runs gdb
# -i=mi3, sends each command and waits for its tagged result (and a *stopped when asked).
import os, subprocess, sys, time, select, tempfile
image, out, cmds = sys.argv[1], sys.argv[2], sys.argv[3]
d = tempfile.mkdtemp()
sock = os.path.join(d, "gdb.sock")
q = subprocess.Popen(["qemu-system-x86_64", "-M", "microvm", "-nodefaults", "-no-reboot", "-m", "16M",
    "-accel", "tcg", "-display", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
    "-serial", "file:" + os.path.join(d, "serial.txt"),
    "-gdb", "unix:%s,server=on,wait=off" % sock, "-kernel", image, "-S"])
while not os.path.exists(sock): time.sleep(0.01)
g = subprocess.Popen(["gdb", "--interpreter=mi3", "-nx", "-q"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
log = open(out, "wb")
buf = b""
def readuntil(pred, timeout=30):
    global buf
    end = time.time() + timeout
    while time.time() < end:
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            log.write(line + b"\n"); log.flush()
            if pred(line): return True
        r, _, _ = select.select([g.stdout], [], [], 0.2)
        if r:
            chunk = os.read(g.stdout.fileno(), 65536)
            if not chunk: return False
            buf += chunk
    return False
readuntil(lambda l: l.startswith(b"(gdb)"))
tok = 1
for c in open(cmds).read().splitlines():
    if not c.strip(): continue
    waitstop = c.startswith("!")
    if waitstop: c = c[1:]
    c = c.replace("@IMAGE@", image).replace("@SOCK@", sock)
    line = ("%d%s" % (tok, c)).encode() + b"\n"
    g.stdin.write(line); g.stdin.flush()
    t = str(tok).encode()
    readuntil(lambda l: l.startswith(t + b"^"))
    if waitstop:
        readuntil(lambda l: l.startswith(b"*stopped"))
    tok += 1
g.stdin.write(b"-gdb-exit\n"); g.stdin.flush()
readuntil(lambda l: False, 3)
log.close()
q.kill()
