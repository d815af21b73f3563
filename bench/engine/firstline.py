#!/usr/bin/env python3
"""firstline.py CMD...: runs CMD, prints the nanoseconds from spawn to the first full line on its
stdout, then lets it finish (at most 60 s)."""
import subprocess
import sys
import time

start = time.monotonic_ns()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
line = process.stdout.readline()
elapsed = time.monotonic_ns() - start
process.stdout.read()
process.wait(timeout=60)
if not line:
    sys.exit("firstline: no output from " + " ".join(sys.argv[1:]))
print(elapsed)
