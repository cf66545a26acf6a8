"""gunicorn settings for ``make serve`` (scripts/serve.sh), from the environment.

HOST, PORT           where to listen (127.0.0.1:8000)
WEB_CONCURRENCY      worker processes (CPU cores + 1)
GUNICORN_THREADS     threads per worker (4; 1 for plain sync workers)
GUNICORN_TIMEOUT     seconds a request may take before its worker is replaced
                     (120: a streamed export of a million incidents takes a while)

The application is loaded once before the workers fork (less memory each); no
database connection is opened before the fork. There is no separate access log:
the app logs every request as JSON (conflictmap.logs), and gunicorn's own
messages use the same JSON formatter.
"""

import multiprocessing
import os

from conflictmap.logs import json_logging

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Threaded workers keep connections alive and wait on the database without holding
# a process; on 2 shared cores 3 workers x 4 threads served more than 5 sync
# workers (benchmarks/bench_serve.py). With cached answers served as stored bytes
# (events.public_answers) a map or popup request costs 0.9-1.1 ms of CPU in 2 x 4,
# 2 x 8 and 3 x 4 alike, 1.2-1.3 ms in 4 x 4 and 1.2-1.7 ms with sync workers; the
# latencies of the first three differed by less than the noise of the shared machine.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
backlog = 2048
preload_app = True
accesslog = None
# gunicorn merges this over its defaults key by key: it names every logger gunicorn
# uses. No access log: the app logs each request itself.
logconfig_dict = json_logging(
    os.environ.get("LOG_LEVEL", "INFO").upper(),
    **{"gunicorn.error": True, "gunicorn.access": False},
)
