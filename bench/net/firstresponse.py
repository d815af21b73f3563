#!/usr/bin/env python3
"""firstresponse.py [--keep] [--log FILE] [--timeout S] PORT PATH -- CMD...

Runs CMD (a VM that forwards 127.0.0.1:PORT to its HTTP server) and prints the seconds from
spawning it to the first HTTP response to `GET PATH`; with --keep also CMD's pid, and CMD keeps
running, else it is stopped (SIGTERM) before this exits. Prints FAIL and exits 1 when CMD exits or
TIMEOUT passes first.

A new connection is opened every few milliseconds rather than one retried after a timeout: QEMU's
user network accepts a forwarded connection on the host before the guest can answer it, and a SYN
that reaches a guest still booting is only retransmitted seconds later, so one patient connection
would measure slirp's back-off, not the guest.
"""
import argparse
import errno
import selectors
import signal
import socket
import subprocess
import sys
import time

INTERVAL = 0.01   # seconds between new connection attempts
PATIENCE = 2.0    # seconds an attempt may stay open without an answer


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def attempt(selector, port, request):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    result = sock.connect_ex(("127.0.0.1", port))
    if result not in (0, errno.EINPROGRESS):
        sock.close()  # nothing listens yet: QEMU has not set up the forward
        return
    selector.register(sock, selectors.EVENT_WRITE, [time.monotonic(), request, b""])


def progress(selector, key, mask):
    """Advances one attempt; True when it received the start of an HTTP response."""
    sock, pending = key.fileobj, key.data[1]
    try:
        if mask & selectors.EVENT_WRITE:
            if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                raise ConnectionError
            sent = sock.send(pending)
            key.data[1] = pending[sent:]
            if not key.data[1]:
                selector.modify(sock, selectors.EVENT_READ, key.data)
            return False
        data = sock.recv(16)
        if not data:
            raise ConnectionError  # closed before answering
        key.data[2] += data
        received = key.data[2]
        if received.startswith(b"HTTP/"):
            return True
        if b"HTTP/".startswith(received):
            return False  # a partial status line; the rest follows
        raise ConnectionError  # not HTTP
    except (ConnectionError, OSError):
        selector.unregister(sock)
        sock.close()
        return False


def expire(selector, now):
    for key in list(selector.get_map().values()):
        if now - key.data[0] > PATIENCE:
            selector.unregister(key.fileobj)
            key.fileobj.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--log", default="/dev/null")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("port", type=int)
    parser.add_argument("path")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    request = f"GET {args.path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode()

    log = open(args.log, "wb")
    start = time.monotonic()
    process = subprocess.Popen(args.command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                               start_new_session=True)
    selector = selectors.DefaultSelector()
    next_attempt = start
    while process.poll() is None and time.monotonic() - start < args.timeout:
        now = time.monotonic()
        if now >= next_attempt:
            attempt(selector, args.port, request)
            next_attempt = now + INTERVAL
        expire(selector, now)
        for key, mask in selector.select(timeout=max(0.0, next_attempt - time.monotonic())):
            if progress(selector, key, mask):
                elapsed = time.monotonic() - start
                if args.keep:
                    print(f"{elapsed:.3f} {process.pid}")
                else:
                    stop(process)
                    print(f"{elapsed:.3f}")
                return 0
    stop(process)
    print("FAIL")
    return 1


if __name__ == "__main__":
    sys.exit(main())
