"""The baseline: a WSGI app that answers every request with the same body of
BENCH_FIXED_BODY_SIZE bytes, served by gunicorn exactly like the site. What it
manages is what this machine, this server and this load client can do at all."""
import os

SIZE = int(os.environ.get("BENCH_FIXED_BODY_SIZE", "20000"))
_HEAD = b"<!DOCTYPE html><html lang='en-GB'><head><title>Fixed</title></head><body><p>"
_TAIL = b"</p></body></html>"
BODY = (_HEAD + b"x" * max(0, SIZE - len(_HEAD) - len(_TAIL)) + _TAIL)[:SIZE]
HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", str(len(BODY))),
]


def application(environ, start_response):
    start_response("200 OK", list(HEADERS))
    return [BODY]
