"""Serving the fixture sites with the real ../shared/fixtures/serve.py on 127.0.0.1."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
WEB = FIXTURES / "web"


def require_fixtures() -> None:
    """Skip the test when ../shared/fixtures is not beside the project."""
    if not (FIXTURES / "serve.py").is_file():
        pytest.skip(f"fixture sites not found at {FIXTURES}")


def copy_web(root: Path) -> Path:
    """A copy of the fixture sites at ``root`` (skips without them)."""
    require_fixtures()
    shutil.copytree(WEB, root)
    return root


def _serve_module():  # type: ignore[no-untyped-def]
    require_fixtures()
    if str(FIXTURES) not in sys.path:
        sys.path.insert(0, str(FIXTURES))
    import serve

    return serve


class Served:
    """A running serve.py over a folder, with its base URL."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.server, self.base = _serve_module().start(str(root))

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class Scripted(Served):
    """serve.py's handler with a per-path script on top (a real server, never a mock).

    ``script[path]`` is a list of actions used one per request, the last one
    repeating: ``"ok"`` serves the file, ``503`` (any int) answers that status,
    ``("stall", seconds)`` waits before answering, ``("cut", n)`` sends the
    headers and the first n bytes of the file, then stalls, ``("status", code,
    headers)`` answers with extra headers, ``"etag"`` serves the file with an
    ETag and answers ``304`` to a request that carries it. Every request's
    path and headers are recorded in ``seen``.
    """

    def __init__(self, root: Path, script: dict[str, list[object]]) -> None:
        import threading
        import time
        from functools import partial
        from http.server import ThreadingHTTPServer

        serve = _serve_module()
        self.root = root
        self.script = script
        self.seen: list[tuple[str, dict[str, str]]] = []
        owner = self

        class Handler(serve.Handler):  # type: ignore[name-defined,misc]
            routes = serve._Routes(root)
            quiet = True

            def do_GET(self) -> None:
                path = self._path_only()
                owner.seen.append((path, dict(self.headers.items())))
                steps = owner.script.get(path)
                step = (steps.pop(0) if len(steps) > 1 else steps[0]) if steps else "ok"
                if isinstance(step, int):
                    self.send_error(step)
                    return
                if isinstance(step, tuple) and step[0] == "status":
                    self.send_response(step[1])
                    for name, value in step[2].items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if step == "etag":
                    self._etag(path)
                    return
                if isinstance(step, tuple) and step[0] == "stall":
                    time.sleep(step[1])
                if isinstance(step, tuple) and step[0] == "cut":
                    self._cut(path, step[1])
                    return
                if "Range" in self.headers and path in owner.script:
                    self._range(path)
                    return
                super().do_GET()

            def _file(self, path: str) -> bytes:
                return (root / path.lstrip("/")).read_bytes()

            def _cut(self, path: str, size: int) -> None:
                data = self._file(path)
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", '"v1"')
                self.send_header("Accept-Ranges", "bytes")
                self.end_headers()
                self.wfile.write(data[:size])
                self.wfile.flush()
                time.sleep(1.5)

            def _etag(self, path: str) -> None:
                if self.headers.get("If-None-Match") == '"e1"':
                    self.send_response(304)
                    self.send_header("ETag", '"e1"')
                    self.end_headers()
                    return
                data = self._file(path)
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", '"e1"')
                self.end_headers()
                self.wfile.write(data)

            def _range(self, path: str) -> None:
                data = self._file(path)
                start = int(self.headers["Range"].split("=")[1].rstrip("-"))
                self.send_response(206)
                self.send_header("Content-Length", str(len(data) - start))
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                self.send_header("ETag", '"v1"')
                self.end_headers()
                self.wfile.write(data[start:])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def requests_for(self, path: str) -> int:
        return sum(1 for seen, _headers in self.seen if seen == path)
