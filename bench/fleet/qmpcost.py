#!/usr/bin/env python3
"""qmpcost.py [QUERIES=398] [RUNS=5]: what libvirt's start-up conversation costs QEMU itself.

libvirt 9.0 reads every boolean property of the guest's CPU with one `qom-get` each when it starts
a domain (398 on this host's QEMU 7.2, seen with strace), and QEMU 7.2's monitor reads its input one
byte per main-loop turn. This starts QEMU the way libvirt does (-S, QMP on a UNIX socket, with and
without libvirt's -sandbox) and prints the QEMU CPU time (all threads, ns from schedstat) those
queries take, median of RUNS: the part of a fleet VM's cost that keel's domain XML cannot change.
"""
import glob
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

queries = int(sys.argv[1]) if len(sys.argv) > 1 else 398
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
sandbox = ["-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny"]


def cpu_ns(pid):
    return sum(int(open(task + "/schedstat").read().split()[0]) for task in glob.glob(f"/proc/{pid}/task/*"))


def one_run(extra):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "qmp.sock")
        qemu = subprocess.Popen(["qemu-system-x86_64", "-M", "pc", "-nodefaults", "-m", "8M", "-accel", "tcg",
                                 "-display", "none", "-S", "-chardev", f"socket,id=m,path={path},server=on,wait=off",
                                 "-mon", "chardev=m,mode=control"] + extra)
        while not os.path.exists(path):
            time.sleep(0.001)
        client = socket.socket(socket.AF_UNIX)
        for _ in range(1000):
            try:
                client.connect(path)
                break
            except OSError:
                time.sleep(0.001)
        stream = client.makefile("rwb")
        stream.readline()  # greeting

        def execute(command, arguments=None, ident="x"):
            request = {"execute": command, "id": ident}
            if arguments:
                request["arguments"] = arguments
            stream.write((json.dumps(request) + "\r\n").encode())
            stream.flush()
            while True:
                reply = json.loads(stream.readline())
                if "return" in reply or "error" in reply:
                    return reply

        execute("qmp_capabilities")
        before = cpu_ns(qemu.pid)
        for i in range(queries):  # the shape of libvirt's requests
            execute("qom-get", {"path": "/machine/unattached/device[0]", "property": "sse4.2"}, f"libvirt-{i}")
        spent = cpu_ns(qemu.pid) - before
        qemu.kill()
        qemu.wait()
        return spent / 1e6


for label, extra in (("plain", []), ("libvirt's -sandbox", sandbox)):
    samples = [one_run(extra) for _ in range(runs)]
    print(f"{queries} qom-get, QEMU CPU, {label:20s} median {statistics.median(samples):6.1f} ms "
          f"({' '.join(f'{s:.0f}' for s in samples)})")
