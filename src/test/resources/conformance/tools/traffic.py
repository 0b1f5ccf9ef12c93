import os, socket, sys, threading, time
role = sys.argv[1]
RCVBUF = int(os.environ.get('RCVBUF', '0'))            # client: receive buffer (0: the system's)
PAUSE = float(os.environ.get('READ_PAUSE', '0'))        # client: seconds to sleep after each read of 4 KiB
if role == 'server':
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('10.7.0.2', 443)); s.listen(8)
    def serve(c):
        while True:
            req = c.recv(100)
            if not req:
                break
            n = int(req.split()[0])
            c.sendall(b'x' * n)
        c.close()
    while True:
        c, _ = s.accept()
        threading.Thread(target=serve, args=(c,), daemon=True).start()
else:
    sizes = [int(x) for x in sys.argv[2].split(',')]
    for n in sizes:
        c = socket.socket()
        if RCVBUF:
            c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RCVBUF)
        c.connect(('10.7.0.2', 443))
        c.sendall(b'%d\n' % n)
        got = 0
        while got < n:
            d = c.recv(4096 if PAUSE else 65536)
            if PAUSE:
                time.sleep(PAUSE)
            if not d:
                break
            got += len(d)
        c.close()
        print('got', got, file=sys.stderr)
        time.sleep(float(sys.argv[3]) if len(sys.argv) > 3 else 0.2)
