#!/usr/bin/env python3
"""Records what QEMU's VNC server really sends, for tst_rfbparser.

Usage: record-rfb.py VGA_SHELL_ELF OUTPUT_DIR
Boots a vga-shell image (keel new --template vga-shell; keel build) on -M pc paused with its display
on a VNC UNIX socket, connects before the guest runs (so QEMU's 640x480 placeholder screen becomes
the guest's 720x400 text mode: a real DesktopSize), types "help" + Enter with QEMU extended key
events and keeps asking for incremental updates. Writes the server's bytes, unmodified, to
OUTPUT_DIR/vga-shell.rfb and the client's to OUTPUT_DIR/vga-shell.rfbclient.
"""
import json, os, socket, struct, subprocess, sys, tempfile, time

RGB32 = struct.pack(">BBBBHHHBBB3x", 32, 24, 0, 1, 255, 255, 255, 16, 8, 0)
ENCODINGS = [0, 1, -223, -258]
# (keysym, XT scancode) for h e l p Return
KEYS = [(0x68, 0x23), (0x65, 0x12), (0x6C, 0x26), (0x70, 0x19), (0xFF0D, 0x1C)]


class Recorder:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.received = bytearray()
        self.sent = bytearray()

    def send(self, data):
        self.sent.extend(data)
        self.sock.sendall(data)

    def read_exactly(self, n):
        self.sock.settimeout(5)
        data = bytearray()
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError
            data.extend(chunk)
        self.received.extend(data)
        return bytes(data)

    def drain(self, seconds, request_every=0.05):
        """Reads for `seconds`, sending an incremental full-screen request every so often."""
        end = time.time() + seconds
        self.sock.settimeout(request_every)
        while time.time() < end:
            try:
                chunk = self.sock.recv(1 << 20)
                if not chunk:
                    return
                self.received.extend(chunk)
            except socket.timeout:
                self.send(struct.pack(">BBHHHH", 3, 1, 0, 0, 720, 400))


def main():
    image, out = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as d:
        vnc, qmp = os.path.join(d, "vnc.sock"), os.path.join(d, "qmp.sock")
        qemu = subprocess.Popen(["qemu-system-x86_64", "-M", "pc", "-nodefaults", "-no-reboot", "-m", "4M",
                                 "-accel", "tcg", "-vga", "std", "-S", "-vnc", f"unix:{vnc}",
                                 "-chardev", f"socket,id=qmp,path={qmp},server=on,wait=off",
                                 "-mon", "chardev=qmp,mode=control", "-serial", "null", "-kernel", image])
        while not (os.path.exists(vnc) and os.path.exists(qmp)):
            time.sleep(0.01)
        time.sleep(0.2)
        r = Recorder(vnc)
        version = r.read_exactly(12)
        r.send(version)
        count = r.read_exactly(1)[0]
        r.read_exactly(count)
        r.send(bytes([1]))
        r.read_exactly(4)  # SecurityResult
        r.send(bytes([1]))  # ClientInit, shared
        header = r.read_exactly(24)
        r.read_exactly(struct.unpack(">I", header[20:24])[0])
        r.send(b"\x00\x00\x00\x00" + RGB32)
        r.send(struct.pack(">BBH", 2, 0, len(ENCODINGS)) + b"".join(struct.pack(">i", e) for e in ENCODINGS))
        r.send(struct.pack(">BBHHHH", 3, 0, 0, 0, *struct.unpack(">HH", header[0:4])))
        r.drain(0.5)
        q = socket.socket(socket.AF_UNIX)
        q.connect(qmp)
        for command in ("qmp_capabilities", "cont"):
            q.sendall(json.dumps({"execute": command}).encode())
        r.drain(4)
        for keysym, scancode in KEYS:
            for down in (1, 0):
                r.send(struct.pack(">BBHII", 255, 0, down, keysym, scancode))
            r.drain(0.1)
        r.drain(2)
        qemu.kill()
        qemu.wait()
    with open(os.path.join(out, "vga-shell.rfb"), "wb") as f:
        f.write(r.received)
    with open(os.path.join(out, "vga-shell.rfbclient"), "wb") as f:
        f.write(r.sent)
    print(f"server {len(r.received)} bytes, client {len(r.sent)} bytes")


if __name__ == "__main__":
    main()
