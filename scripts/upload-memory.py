#!/usr/bin/env python3
"""The server's memory while a logged-in person sends 24 uploads of 10 MB at once to a case that is
not theirs (issue 32, point 3): its resident size before, its peak, and after.

    python3 scripts/upload-memory.py [target/server/tilslut-server]
"""
import json, os, socket, subprocess, sys, tempfile, threading, time, urllib.request

binary = sys.argv[1] if len(sys.argv) > 1 else "target/server/tilslut-server"
port = socket.socket(); port.bind(("127.0.0.1", 0)); address = port.getsockname(); port.close()
work = tempfile.mkdtemp()
env = dict(os.environ, TILSLUT_ADDR=f"127.0.0.1:{address[1]}", TILSLUT_DEV_LOGIN="1",
           TILSLUT_DATABASE=f"{work}/tilslut.db", TILSLUT_DIST="dist", RUST_LOG="warn")
server = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
server.stdout.readline()  # "tilslut is running at …"
base = f"http://127.0.0.1:{address[1]}"


def memory(field):
    with open(f"/proc/{server.pid}/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith(field))


request = urllib.request.Request(f"{base}/api/dev/login", data=json.dumps({"person_id": "emil"}).encode(),
                                 headers={"content-type": "application/json", "x-tilslut-context": "none"})
with urllib.request.urlopen(request) as reply:
    cookie = reply.headers["set-cookie"].split(";")[0]
    context = json.load(reply).get("context")
context = "private" if context else "none"
body = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
        + b"%PDF-" + b"x" * (10_000_000 - 5) + b"\r\n--b--\r\n")
statuses = []


def upload():
    connection = socket.create_connection(("127.0.0.1", address[1]))
    head = (f"POST /api/cases/not-theirs/documents HTTP/1.1\r\nHost: t\r\nCookie: {cookie}\r\nX-Tilslut-Context: {context}\r\n"
            f"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    try:
        connection.sendall(head + body)
    except OSError:
        pass  # answered and closed before the whole body was sent
    statuses.append(connection.recv(64).split(b"\r\n")[0].decode())
    connection.close()


before = memory("VmRSS")
threads = [threading.Thread(target=upload) for _ in range(24)]
started = time.monotonic()
for thread in threads: thread.start()
for thread in threads: thread.join()
took = time.monotonic() - started
print(f"24 uploads of 10 MB to a case not theirs: {sorted(set(statuses))} in {took:.1f} s")
print(f"server memory: {before} MB before, peak {memory('VmHWM')} MB, {memory('VmRSS')} MB after")
server.terminate(); server.wait()
