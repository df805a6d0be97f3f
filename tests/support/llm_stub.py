"""A scripted OpenAI-compatible endpoint on 127.0.0.1 for the language-model tests.

The model name picks the script: ``valid`` answers with the first sentence of the passages it is
given, each citing its own passage; ``invented`` adds a sentence no passage supports;
``out-of-range`` cites [99]; ``empty``, ``slow``, ``error`` (HTTP 500), ``malformed`` (chunks that
are not JSON) and ``english`` (a Dutch question answered in English). With ``key`` set, a request
without that bearer key gets 401.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODELS = ["valid", "invented", "out-of-range", "empty", "slow", "error", "malformed", "english"]
PASSAGE = re.compile(r"^\[(\d+)\] [^:]+: (.+)$", re.M)


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0].rstrip(".!?")


def script(model: str, prompt: str) -> list[str]:
    """The chunks of text the model sends."""
    passages = [(int(n), first_sentence(text)) for n, text in PASSAGE.findall(prompt)]
    lines = [f"{sentence} [{n}]." for n, sentence in passages[:3]]
    asks = "VRAGEN:" in prompt
    if model == "invented":
        lines.insert(1, "De gemeente Zwolle betaalde in 2019 twaalf miljoen euro voor "
                        "politiedrones boven het stadspark [1].")
    if model == "out-of-range":
        lines = [f"{sentence} [99]." for _, sentence in passages[:3]]
    if model == "english":
        lines = ["The municipality should weigh privacy and safety before it counts wifi "
                 "signals in the city centre, and tell residents about it [1]."]
    text = "KORT ANTWOORD:\n" + " ".join(lines)
    if asks and model == "valid":
        text += "\n\nVRAGEN:\n" + "\n".join(
            f"{step}. Hoe houdt het college rekening met dit: {sentence.lower()}? [{n}]"
            for step, (n, sentence) in zip(range(1, 6), passages * 5, strict=False))
    words = re.findall(r"\S+\s*", text)
    return ["".join(words[i:i + 3]) for i in range(0, len(words), 3)]


class Stub:
    def __init__(self, key: str | None = None) -> None:
        self.key = key
        self.requests: list[dict[str, object]] = []
        self.errors: list[BaseException | None] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _refused(self) -> bool:
                if stub.key and self.headers.get("Authorization") != f"Bearer {stub.key}":
                    self.send_response(401)
                    self.end_headers()
                    return True
                return False

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                if self._refused():
                    return
                body = json.dumps({"object": "list", "data": [
                    {"id": m, "object": "model"} for m in MODELS]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802
                if self._refused():
                    return
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append(request)
                model = request["model"]
                prompt = "\n".join(m["content"] for m in request["messages"])
                if model == "error":
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                if model == "slow":
                    time.sleep(6)
                chunks = [] if model == "empty" else script(model, prompt)
                for i, content in enumerate(chunks):
                    if model == "malformed":
                        self.wfile.write(b"data: {niet: json\n\n")
                        continue
                    chunk = {"id": "stub", "object": "chat.completion.chunk", "created": 0,
                             "model": model, "choices": [{"index": 0, "finish_reason": None,
                                                          "delta": {"content": content,
                                                                    **({"role": "assistant"}
                                                                       if i == 0 else {})}}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                # A client that gave up (the "slow" model outlasts the engine's first-token
                # limit) makes the late write fail; note it instead of printing a traceback
                # into whichever test's output is being captured then.
                stub.errors.append(sys.exc_info()[1])

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@contextmanager
def llm_stub(key: str | None = None) -> Iterator[Stub]:
    stub = Stub(key)
    thread = threading.Thread(target=stub.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        stub.server.shutdown()
        stub.server.server_close()
