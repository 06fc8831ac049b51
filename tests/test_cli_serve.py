"""`recovery-tui serve` without a browser: arguments, warnings, the missing extra, the page."""

from __future__ import annotations

import asyncio
import io
import re
import shlex
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from recovery_tui import cli
from recovery_tui.commands import serve as serve_module
from recovery_tui.commands.serve import (
    TOKEN_ENV,
    adjust_page,
    allowed,
    cookie_name,
    is_loopback,
    token_matches,
)

REPO = Path(__file__).resolve().parents[1]


class FakeServer:
    """Stands in for textual-serve: records how it was made, serves nothing."""

    made: list[FakeServer] = []

    def __init__(self, command: str, **options: Any) -> None:
        self.command = command
        self.options = options
        FakeServer.made.append(self)

    def serve(self) -> None:
        pass


@pytest.fixture(autouse=True)
def no_token_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> list[FakeServer]:
    FakeServer.made = []
    monkeypatch.setattr(serve_module, "_server_class", lambda: FakeServer)
    return FakeServer.made


def test_serves_the_same_app_on_the_same_journal_on_loopback_by_default(
    fake_server: list[FakeServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "my journal"
    assert cli.main(["serve", "--dir", str(journal)]) == 0
    [server] = fake_server
    assert shlex.split(server.command) == [
        sys.executable, "-m", "recovery_tui", "--dir", str(journal)
    ]  # fmt: skip
    assert server.options["host"] == "127.0.0.1"
    assert server.options["port"] == 8000
    assert server.options["loopback_only"] is True
    assert capsys.readouterr().err == ""


def test_the_journal_from_the_environment_is_passed_on(
    fake_server: list[FakeServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVERY_TUI_DIR", str(tmp_path / "from-env"))
    assert cli.main(["serve", "--port", "8123"]) == 0
    assert shlex.split(fake_server[0].command)[-1] == str(tmp_path / "from-env")
    assert fake_server[0].options["port"] == 8123


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "myhost.example"])
def test_a_host_beyond_loopback_warns_on_stderr(
    fake_server: list[FakeServer],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    host: str,
) -> None:
    assert cli.main(["serve", "--dir", str(tmp_path), "--host", host]) == 0
    captured = capsys.readouterr()
    assert f"listening on {host}:8000" in captured.err
    assert "unencrypted" in captured.err
    assert "127.0.0.1" in captured.err  # how to keep it private
    assert captured.out == ""
    assert fake_server[0].options["loopback_only"] is False


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts_do_not_warn(
    fake_server: list[FakeServer],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    host: str,
) -> None:
    assert cli.main(["serve", "--dir", str(tmp_path), "--host", host]) == 0
    assert capsys.readouterr().err == ""
    assert fake_server[0].options["loopback_only"] is True


@pytest.mark.parametrize("port", ["0", "65536", "eighty", "-1"])
def test_a_port_out_of_range_is_a_usage_error(
    fake_server: list[FakeServer], capsys: pytest.CaptureFixture[str], port: str
) -> None:
    assert cli.main(["serve", "--port", port]) == 2
    assert "use a port from 1 to 65535" in capsys.readouterr().err
    assert fake_server == []


def test_without_the_web_extra_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("textual_serve", "textual_serve.server"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails, as when not installed
    assert cli.main(["serve", "--dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("recovery-tui: ")
    assert "uv sync --extra web" in captured.err
    assert "recovery-tui[web]" in captured.err
    assert "Traceback" not in captured.err
    assert not (tmp_path / "entries").exists()


def test_without_the_web_extra_as_a_real_command(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['textual_serve'] = None\n"
        "from recovery_tui.cli import main\n"
        f"sys.exit(main(['serve', '--dir', {str(tmp_path)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "uv sync --extra web" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_a_calm_refusal(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = ["serve", "--dir", str(tmp_path), "--port", str(port)]
        result = subprocess.run(
            [sys.executable, "-m", "recovery_tui", *command],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
            timeout=60,
        )
    assert result.returncode == 1, result.stderr
    assert f"couldn't listen on 127.0.0.1:{port}" in result.stderr
    assert "--port" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_is_loopback() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "LOCALHOST"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "10.0.0.1", "example.org", ""]))


def test_only_loopback_names_and_the_page_s_own_websocket_are_answered() -> None:
    # A page elsewhere can't reach the server through its own name (DNS rebinding) ...
    assert allowed("127.0.0.1:8000", None, loopback_only=True)
    assert allowed("localhost:8000", None, loopback_only=True)
    assert allowed("[::1]:8000", None, loopback_only=True)
    assert not allowed("attacker.example:8000", None, loopback_only=True)
    assert allowed("attacker.example:8000", None, loopback_only=False)
    # ... nor open the websocket from another site open in the same browser.
    assert allowed("127.0.0.1:8000", "http://127.0.0.1:8000", loopback_only=True)
    assert not allowed("127.0.0.1:8000", "http://attacker.example", loopback_only=True)
    assert not allowed("127.0.0.1:8000", "http://localhost:8000", loopback_only=True)
    assert not allowed("box:8000", "https://elsewhere.example", loopback_only=False)
    assert not allowed("[::1", None, loopback_only=True)


def test_the_page_loads_fonts_from_the_server_not_a_font_service() -> None:
    template = (
        Path(__import__("textual_serve").__file__).parent / "templates" / "app_index.html"
    ).read_text("utf-8")
    assert "fonts.googleapis.com" in template  # what is being replaced is still there
    page = adjust_page(template, static_url="/static/")
    assert "googleapis" not in page
    assert "url('/static/fonts/RobotoMono-VariableFont_wght.ttf')" in page
    assert page.count("</head>") == 1
    shipped = Path(__import__("textual_serve").__file__).parent / "static" / "fonts"
    assert (shipped / "RobotoMono-VariableFont_wght.ttf").is_file()
    assert (shipped / "RobotoMono-Italic-VariableFont_wght.ttf").is_file()


# --- The token: only the address serve prints opens the journal ---------------------------

TOKEN = "test-token-0123456789abcdef"
# Stands in for the app: says it is a Textual app, sends "hello" to the tab, and ends.
HELLO_APP = shlex.join(
    [
        sys.executable,
        "-c",
        "import sys; out = sys.stdout.buffer; "
        "out.write(b'__GANGLION__\\n' + b'D' + (5).to_bytes(4, 'big') + b'hello'); out.flush()",
    ]
)


def test_each_start_makes_a_new_random_token(fake_server: list[FakeServer]) -> None:
    assert cli.main(["serve"]) == 0
    assert cli.main(["serve"]) == 0
    first, second = (server.options["token"] for server in fake_server)
    assert first != second
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", first)  # secrets.token_urlsafe(24)


def test_a_token_can_come_from_the_command_line_or_the_environment(
    fake_server: list[FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV, "from-the-environment-123")
    assert cli.main(["serve"]) == 0
    assert cli.main(["serve", "--token", TOKEN]) == 0  # the argument wins
    assert [server.options["token"] for server in fake_server] == [
        "from-the-environment-123",
        TOKEN,
    ]


@pytest.mark.parametrize("token", ["", "short", "has spaces in it, sadly", "semi;colon;0123456789"])
def test_a_weak_or_awkward_token_is_refused(
    fake_server: list[FakeServer], capsys: pytest.CaptureFixture[str], token: str
) -> None:
    assert cli.main(["serve", "--token", token]) == 2
    assert "at least 16 characters" in capsys.readouterr().err
    assert fake_server == []


def test_tokens_are_compared_whole() -> None:
    assert token_matches(TOKEN, TOKEN)
    assert not token_matches(TOKEN, None)
    assert not token_matches(TOKEN, "")
    assert not token_matches(TOKEN, TOKEN[:-1])
    assert not token_matches(TOKEN, TOKEN + "x")
    assert not token_matches(TOKEN, "tést-token-0123456789abcdef")  # not ASCII: no TypeError


@pytest.fixture
async def client(
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[tuple[TestClient[Any, Any], io.StringIO]]:
    from textual_serve.app_service import AppService

    started: list[asyncio.subprocess.Process] = []
    open_app_process = AppService._open_app_process

    async def recorded(service: AppService, width: int = 80, height: int = 24) -> Any:
        process = await open_app_process(service, width, height)
        started.append(process)
        return process

    monkeypatch.setattr(AppService, "_open_app_process", recorded)
    out = io.StringIO()
    server = serve_module._server_class()(
        HELLO_APP, host="127.0.0.1", port=8000, title="t", loopback_only=True, token=TOKEN, out=out
    )
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as test_client:
        yield test_client, out
        for process in started:  # reaped while the event loop still runs
            await asyncio.wait_for(process.wait(), timeout=30)


async def test_the_startup_line_shows_the_address_with_its_token(
    client: tuple[TestClient[Any, Any], io.StringIO],
) -> None:
    _, out = client
    [line] = out.getvalue().splitlines()
    assert f"http://127.0.0.1:8000/?token={TOKEN} " in line
    assert "Ctrl+C" in line


@pytest.mark.parametrize(
    "query", ["", "?token=", "?token=wrong-token-0123456789abc", f"?token={TOKEN[:-1]}"]
)
async def test_without_the_right_token_the_page_and_websocket_are_refused(
    client: tuple[TestClient[Any, Any], io.StringIO], query: str
) -> None:
    test_client, _ = client
    for path in ("/", "/ws", "/download/anything"):
        response = await test_client.get(path + query, allow_redirects=False)
        assert response.status == 403, path
        assert "recovery-tui serve" in await response.text()
        assert "Set-Cookie" not in response.headers
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await test_client.ws_connect("/ws" + query)
    assert refused.value.status == 403
    # A cookie with the wrong token is no better.
    test_client.session.cookie_jar.update_cookies({cookie_name(8000): "wrong-token-0123456789abc"})
    assert (await test_client.get("/")).status == 403
    # The script, styles and fonts stay open: they hold nothing of the journal.
    assert (await test_client.get("/static/js/textual.js")).status == 200


async def test_the_token_becomes_a_cookie_and_leaves_the_address(
    client: tuple[TestClient[Any, Any], io.StringIO],
) -> None:
    test_client, _ = client
    response = await test_client.get(f"/?fontsize=20&token={TOKEN}", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/?fontsize=20"
    cookie = response.cookies[cookie_name(8000)]
    assert cookie.value == TOKEN
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/"

    page = await test_client.get("/?fontsize=20")  # the cookie alone opens the page now
    assert page.status == 200
    assert 'data-session-websocket-url="ws://127.0.0.1:' in await page.text()

    websocket = await test_client.ws_connect("/ws?width=80&height=24")  # as the page opens it
    try:
        message = await websocket.receive(timeout=30)
        assert message.type == aiohttp.WSMsgType.BINARY
        assert message.data == b"hello"  # from the app behind it
    finally:
        await websocket.close()


async def test_a_script_can_pass_the_token_in_the_query(
    client: tuple[TestClient[Any, Any], io.StringIO],
) -> None:
    test_client, _ = client
    websocket = await test_client.ws_connect(f"/ws?token={TOKEN}")
    try:
        assert (await websocket.receive(timeout=30)).data == b"hello"
    finally:
        await websocket.close()


def test_errors_in_the_log_never_show_what_was_typed(capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    err = io.StringIO()
    server = serve_module._server_class()(
        HELLO_APP, host="127.0.0.1", port=8000, title="t", loopback_only=True, token=TOKEN,
        out=io.StringIO(), err=err,
    )  # fmt: skip

    def handle(keys_typed: str) -> None:
        envelope = ["stdin", keys_typed]
        raise ValueError(f"couldn't handle {envelope}")

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers = []  # as in a real run (pytest adds its own while a test runs)
    try:
        server.initialize_logging()
        try:
            handle("the interviewer said I froze")
        except ValueError as error:
            logging.getLogger("textual-serve").exception(error)
        logging.getLogger("textual-serve").error("Application \x1b[2Jfailed to start")
    finally:
        root.handlers, level = saved
        root.setLevel(level)
    shown = err.getvalue() + "".join(capsys.readouterr())
    assert "I froze" not in shown and "keys_typed" not in shown
    assert "ValueError" in shown and "in handle" in shown and "untouched" in shown
    assert "Application ␛[2Jfailed to start" in shown and "\x1b" not in shown
