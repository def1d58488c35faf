"""A loopback fake of the Hub's HTTP API, just enough for ``HfApi`` to create a repo,
commit (NDJSON, regular uploads), tag, list refs and super-squash. It records what it got."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTE = re.compile(
    r"^/api/datasets/(?P<repo>[^/]+/[^/]+)/(?P<what>revision|preupload|commit|tag|refs|super-squash)(?:/(?P<rest>.*))?$"
)


class FakeHub:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.commits: list[dict] = []  # {oid, summary, added, deleted}
        self.tags: dict[str, str] = {}
        self.head = "0" * 40
        self.squashes = 0
        self.requests: list[tuple[str, str, dict]] = []  # method, path, headers
        self.repos: set[str] = set()
        self.private: dict[str, str | None] = {}  # repo -> the visibility it was created with
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _body(self) -> bytes:
                n = int(self.headers.get("content-length") or 0)
                return self.rfile.read(n) if n else b""

            def _send(self, obj, status: int = 200) -> None:
                data = json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                hub.requests.append(("GET", self.path, dict(self.headers)))
                if self.path.split("?")[0] == "/api/whoami-v2":
                    return self._send({"type": "user", "name": "tester", "orgs": []})
                m = ROUTE.match(self.path.split("?")[0])
                if m and m["what"] == "refs":
                    return self._send({"branches": [{"name": "main", "ref": "refs/heads/main", "targetCommit": hub.head}], "converts": [],
                                       "tags": [{"name": t, "ref": f"refs/tags/{t}", "targetCommit": o} for t, o in hub.tags.items()]})  # fmt: skip
                if m and m["what"] == "revision":
                    return self._send(
                        {
                            "id": m["repo"],
                            "sha": hub.head,
                            "siblings": [{"rfilename": p} for p in hub.files],
                        }
                    )
                self._send({"error": f"fake hub: no route GET {self.path}"}, 404)

            def do_DELETE(self):
                hub.requests.append(("DELETE", self.path, dict(self.headers)))
                m = ROUTE.match(self.path)
                if m and m["what"] == "tag":
                    hub.tags.pop(m["rest"], None)
                    return self._send({})
                self._send({"error": "no route"}, 404)

            def do_POST(self):
                hub.requests.append(("POST", self.path, dict(self.headers)))
                body = self._body()
                path = self.path.split("?")[0]
                if path == "/api/repos/create":
                    data = json.loads(body)
                    repo = (
                        f"{data['organization']}/{data['name']}"
                        if data.get("organization")
                        else data["name"]
                    )
                    hub.repos.add(repo)
                    hub.private[repo] = data.get(
                        "visibility", "private" if data.get("private") else None
                    )
                    return self._send({"url": f"{hub.endpoint}/datasets/{repo}", "name": repo})
                if path == "/api/validate-yaml":
                    return self._send({"errors": [], "warnings": []})
                m = ROUTE.match(path)
                if not m:
                    return self._send({"error": f"fake hub: no route POST {path}"}, 404)
                what = m["what"]
                if what == "preupload":
                    files = json.loads(body)["files"]
                    return self._send(
                        {
                            "files": [
                                {"path": f["path"], "uploadMode": "regular", "shouldIgnore": False}
                                for f in files
                            ]
                        }
                    )
                if what == "commit":
                    return self._send(hub._commit(body, m["repo"]))
                if what == "tag":
                    data = json.loads(body)
                    rev = m["rest"]
                    hub.tags[data["tag"]] = hub.head if rev == "main" else rev
                    return self._send({})
                if what == "super-squash":
                    hub.squashes += 1
                    hub.head = hashlib.sha1(f"squash{hub.squashes}".encode()).hexdigest()
                    hub.commits = [
                        {
                            "oid": hub.head,
                            "summary": json.loads(body)["message"],
                            "added": sorted(hub.files),
                            "deleted": [],
                        }
                    ]
                    return self._send({"commitId": hub.head})
                self._send({"error": "no route"}, 404)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _commit(self, body: bytes, repo: str) -> dict:
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        header = lines[0]["value"]
        added, deleted = [], []
        for op in lines[1:]:
            value = op["value"]
            if op["key"] == "file":
                self.files[value["path"]] = base64.b64decode(value["content"])
                added.append(value["path"])
            elif op["key"] in ("deletedFile", "deletedFolder"):
                self.files.pop(value["path"], None)
                deleted.append(value["path"])
            else:
                raise AssertionError(f"fake hub: unexpected operation {op['key']}")
        self.head = hashlib.sha1(f"{len(self.commits)}{header['summary']}".encode()).hexdigest()
        self.commits.append(
            {
                "oid": self.head,
                "summary": header["summary"],
                "added": sorted(added),
                "deleted": sorted(deleted),
            }
        )
        return {
            "commitUrl": f"{self.endpoint}/datasets/{repo}/commit/{self.head}",
            "commitOid": self.head,
        }

    def __enter__(self) -> FakeHub:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
