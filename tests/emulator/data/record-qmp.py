#!/usr/bin/env python3
"""Records what QEMU's QMP monitor really sends, for tst_qmpparser.

Usage: record-qmp.py FIXTURE_ELF OUTPUT_DIR
Boots the test fixture (tests/emulator/fixture) in qemu-system-x86_64 paused, drives a scripted
QMP session and writes every byte received to OUTPUT_DIR/<session>.qmp, unmodified.
"""
import json, os, socket, subprocess, sys, tempfile, time

def session(fixture, cmdline, commands, machine="pc"):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "qmp.sock")
        qemu = subprocess.Popen(["qemu-system-x86_64", "-M", machine, "-nodefaults", "-no-reboot",
                                 "-display", "none", "-m", "16M", "-accel", "tcg", "-S",
                                 "-chardev", f"socket,id=qmp,path={path},server=on,wait=off",
                                 "-mon", "chardev=qmp,mode=control", "-serial", "null",
                                 "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
                                 "-kernel", fixture, "-append", cmdline])
        while not os.path.exists(path):
            time.sleep(0.01)
        s = socket.socket(socket.AF_UNIX)
        s.connect(path)
        s.settimeout(0.5)
        received = bytearray()
        def drain():
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        return False
                    received.extend(chunk)
            except socket.timeout:
                return True
            except ConnectionResetError:  # isa-debug-exit ends QEMU without a goodbye
                return False
        drain()
        for i, (name, args) in enumerate(commands, 1):
            message = {"execute": name, "id": i}
            if args:
                message["arguments"] = args
            s.sendall(json.dumps(message).encode() + b"\r\n")
            if not drain():
                break
        drain()
        qemu.wait(timeout=10)
        return bytes(received)

def main():
    fixture, out = sys.argv[1], sys.argv[2]
    sessions = {
        "lifecycle": ("s", [("qmp_capabilities", None), ("query-status", None), ("cont", None),
                            ("stop", None), ("cont", None),
                            ("human-monitor-command", {"command-line": "info status"}),
                            ("no-such-command", None),
                            # -no-reboot turns every reset into an exit; QemuRunner::reset()
                            # switches the reboot action around a host reset, like this:
                            ("set-action", {"reboot": "reset"}), ("system_reset", None),
                            ("set-action", {"reboot": "shutdown"}), ("quit", None)]),
        "guest-reset": ("r", [("qmp_capabilities", None), ("cont", None)]),
        "guest-poweroff": ("p", [("qmp_capabilities", None), ("cont", None)]),
        "guest-exit": ("x3", [("qmp_capabilities", None), ("cont", None)]),
    }
    for name, (cmdline, commands) in sessions.items():
        with open(os.path.join(out, name + ".qmp"), "wb") as f:
            f.write(session(fixture, cmdline, commands))

if __name__ == "__main__":
    main()
