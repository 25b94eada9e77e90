"""Serve a built site on 127.0.0.1 as a static host does: compressed.

``python -m site_src.devtools.serve_static site/ [--port N]`` serves ``site/`` under
the path of ``site_url`` in mkdocs.yml (``/whyrelu/``). Text files (HTML,
CSS, JS, SVG, JSON, XML, plain text) are sent gzip-compressed to a client
that accepts gzip, with ``Content-Length`` and ``Vary: Accept-Encoding``, as
GitHub Pages, Netlify or nginx with ``gzip_static`` would; images and fonts
that are already compressed go as they are. Lighthouse measures the page
through this server (``site_src/devtools/lighthouse.py``): a plain ``http.server``
sends every byte uncompressed, which no real host does, and would charge
the page for it.

Only for measuring and previewing on this machine: it binds 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import threading
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = {
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".svg",
    ".json",
    ".xml",
    ".txt",
    ".map",
    ".webmanifest",
}


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The file compressed once (level 9, no timestamp) and kept while unchanged."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` for a site published under ``prefix``
    (the path of ``site_url``); a path outside it is not found. Quiet."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format, *args):  # quiet: callers report what matters
        pass


class Handler(PrefixHandler):
    """``PrefixHandler`` with gzip for text, as a static host serves it."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if os.path.isfile(index) and urlsplit(self.path).path.endswith("/"):
                path = index
            else:
                return super().send_head()  # redirect to the slash, or 404
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if (
            not accepts
            or Path(path).suffix.lower() not in COMPRESSIBLE
            or not os.path.isfile(path)
        ):
            return super().send_head()
        stat = os.stat(path)
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return BytesIO(body)


def start(site: Path, prefix: str = "/whyrelu/", port: int = 0):
    """Serve ``site`` in a daemon thread; return (server, base URL ending in /)."""
    handler = type("PrefixedHandler", (Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--prefix", default="/whyrelu/")
    args = parser.parse_args(argv)
    server, url = start(args.site, args.prefix, args.port)
    print(f"Serving {args.site} (gzip) on {url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
