"""`recovery-tui serve`: the app in a browser tab, through textual-serve (the `web` extra).

Every browser tab that connects gets its own copy of the app, started as
``<this python> -m recovery_tui --dir <journal>`` with this process's environment, so it uses
the same journal, settings and cache as ``recovery-tui`` in a terminal.

Kept private: the server listens on 127.0.0.1 unless told otherwise, and then answers only
requests addressed to a loopback name (so a web page can't reach it by pointing its own
domain name at 127.0.0.1) and websockets opened by its own page (so another site open in the
browser can't read the journal). Other people and programs on the same computer can reach
127.0.0.1 too, so the page, the websocket and downloads also need a token, as in Jupyter: a
random one per start (or ``--token`` / $RECOVERY_TUI_SERVE_TOKEN), printed in the address on
the startup line. Opening that address sets an HttpOnly, SameSite=Strict cookie and redirects
to the address without the token; the page and its websocket then go by the cookie (the
page's script builds the websocket address itself, so a token in the query can't ride along).
Only the static files (script, styles, fonts) are open. The page loads nothing from the
internet: textual-serve's page asks a font service for its font, which this module swaps for
the font files that textual-serve ships.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import secrets
import shlex
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote, urlsplit

from recovery_tui.commands import PROG, Refusal
from recovery_tui.core.paths import AppPaths
from recovery_tui.core.printable import printable

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = (
    "showing the journal in a browser tab needs the optional 'web' part, which isn't "
    "installed. Add it with 'uv sync --extra web' (or run 'uv run --extra web "
    f"{PROG} serve'); with pip, 'pip install \"{PROG}[web]\"'."
)

TOKEN_ENV = "RECOVERY_TUI_SERVE_TOKEN"
TOKEN_HINT = (
    "a serve token needs at least 16 characters, each a letter, a digit, '-' or '_' "
    "(leave out --token and serve makes one)."
)
NEEDS_TOKEN = (
    f"This journal is private. Open the full address that '{PROG} serve' printed where it "
    "runs (it ends in ?token=...).\n"
)
_TOKEN_FORMAT = re.compile(r"[A-Za-z0-9_-]{16,}")

_FONT_SERVICE_LINK = re.compile(r"<link\b[^>]*fonts\.googleapis\.com[^>]*>", re.IGNORECASE)
_FONTS = (
    ("RobotoMono-VariableFont_wght.ttf", "normal"),
    ("RobotoMono-Italic-VariableFont_wght.ttf", "italic"),
)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and the name localhost: only this computer can connect."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def network_warning(host: str, port: int) -> str:
    return (
        f"{PROG}: note: listening on {host}:{port}, not just on this computer. The token and "
        "what you write travel unencrypted, so anyone who can watch the network can read "
        "them. Leave out --host to keep it on this computer (127.0.0.1)."
    )


def app_command(app_paths: AppPaths) -> str:
    """The shell command textual-serve runs for each tab: this app, on this journal."""
    return shlex.join([sys.executable, "-m", "recovery_tui", "--dir", str(app_paths.journal.root)])


def adjust_page(source: str, static_url: str = "{{ config.static.url }}") -> str:
    """textual-serve's page, offline and ready for the keyboard.

    The font-service link goes; the fonts textual-serve ships take its place. Once the
    terminal is on the page it gets the keyboard, so keys work without a click first (and
    the app, told it has the focus, shows its footer).
    """
    faces = "".join(
        f"@font-face {{ font-family: 'Roboto Mono'; font-style: {style}; "
        f"font-weight: 100 700; src: url('{static_url}fonts/{name}') format('truetype'); }}\n"
        for name, style in _FONTS
    )
    preload = "".join(
        f'<link rel="preload" href="{static_url}fonts/{name}" as="font" type="font/ttf" '
        "crossorigin />\n"
        for name, _ in _FONTS
    )
    focus = """<script>
window.addEventListener("load", () => {
  const keys = document.querySelector(".xterm-helper-textarea");
  if (!keys) return;
  keys.focus();
  // The page tells the app about focus only once connected: say it again then.
  new MutationObserver((_, observer) => {
    if (!document.body.classList.contains("-first-byte")) return;
    observer.disconnect();
    keys.blur();
    keys.focus();
  }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
});
</script>
"""
    source = _FONT_SERVICE_LINK.sub("", source)
    return source.replace("</head>", f"{preload}<style>\n{faces}</style>\n{focus}</head>", 1)


def allowed(host_header: str, origin: str | None, *, loopback_only: bool) -> bool:
    """Whether to answer a request with this Host (and, for a websocket, this Origin)."""
    try:
        hostname = urlsplit(f"//{host_header}").hostname or ""
    except ValueError:
        return False
    if loopback_only and not is_loopback(hostname):
        return False
    if origin is None:  # not a browser, or a same-origin page load
        return True
    try:
        from_page = urlsplit(origin).netloc
    except ValueError:
        return False
    return from_page.lower() == host_header.lower()


def choose_token(given: str | None) -> str:
    """The token from --token, else from $RECOVERY_TUI_SERVE_TOKEN, else a new random one."""
    token = given if given is not None else os.environ.get(TOKEN_ENV) or None
    if token is None:
        return secrets.token_urlsafe(24)
    if not _TOKEN_FORMAT.fullmatch(token):
        raise Refusal(TOKEN_HINT, code=2)
    return token


def token_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison, so timing doesn't tell how much of a guess was right."""
    if given is None:
        return False
    return secrets.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def cookie_name(port: int) -> str:
    """One cookie per port: cookies ignore ports, and two servers shouldn't overwrite each other."""
    return f"recovery-tui-token-{port}"


def page_address(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={quote(token, safe='')}"


def serve(
    app_paths: AppPaths,
    host: str,
    port: int,
    *,
    token: str | None = None,
    out: TextIO,
    err: TextIO,
) -> int:
    token = choose_token(token)
    try:
        server_class = _server_class()
    except ImportError:
        raise Refusal(INSTALL_HINT, code=2) from None
    loopback_only = is_loopback(host)
    if not loopback_only:
        print(network_warning(host, port), file=err, flush=True)
    server = server_class(
        app_command(app_paths),
        host=host,
        port=port,
        title=PROG,
        loopback_only=loopback_only,
        token=token,
        out=out,
        err=err,
    )
    try:
        server.serve()
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise Refusal(
            f"couldn't listen on {host}:{port} ({reason}). Try another one with --port.", code=1
        ) from None
    return 0


class PrivateLogFormatter(logging.Formatter):
    """Log lines that never show what someone wrote: an error is its kind and where it
    happened, never its message or local variables (they can quote keys typed in a tab)."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, trace = record.exc_info
            frames = traceback.extract_tb(trace)
            where = f" at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}"
            return (
                f"{PROG} serve: a browser tab hit an error, {kind.__name__}"
                f"{where if frames else ''} (the details are left out: they can hold what "
                "was typed). Your journal files are untouched."
            )
        return f"{PROG} serve: {printable(record.getMessage(), one_line=True)}"


def _server_class() -> type[Any]:
    """textual-serve's Server, made private and offline (imported only when serving)."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server, to_int

    Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

    class PrivateServer(Server):
        def __init__(
            self,
            command: str,
            *,
            loopback_only: bool,
            token: str,
            out: TextIO,
            err: TextIO | None = None,
            **kwargs: Any,
        ) -> None:
            super().__init__(command, **kwargs)
            self.loopback_only = loopback_only
            self.token = token
            self.out = out
            self.err = err

        def initialize_logging(self) -> None:
            # Not textual-serve's own: its handler prints tracebacks with every local
            # variable, which can hold keys typed in a tab, so what someone wrote.
            handler = logging.StreamHandler(self.err if self.err is not None else sys.stderr)
            handler.setFormatter(PrivateLogFormatter())
            root = logging.getLogger()
            root.addHandler(handler)
            root.setLevel(logging.INFO)
            # One line per request is noise in a terminal someone glances at; errors still show.
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            original = jinja2.FileSystemLoader(self.templates_path)

            def template(name: str) -> str | None:
                source, _, _ = original.get_source(jinja2.Environment(), name)
                return adjust_page(source) if name == "app_index.html" else source

            aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(template))
            app.middlewares.append(self._guard)
            return app

        @web.middleware
        async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
            origin = request.headers.get("Origin") if request.path == "/ws" else None
            if not allowed(request.host, origin, loopback_only=self.loopback_only):
                raise web.HTTPForbidden(text="Open this page from the address serve printed.\n")
            if request.path.startswith("/static/"):  # the script, styles and fonts: no journal
                return await handler(request)
            given = request.query.get("token")
            if request.path == "/" and token_matches(self.token, given):
                # Swap the token in the address for a cookie, so it doesn't stay in view.
                rest = [(key, value) for key, value in request.query.items() if key != "token"]
                response = web.Response(
                    status=303,
                    headers={
                        "Location": str(request.rel_url.with_query(rest)),
                        "Cache-Control": "no-store",
                    },
                )
                response.set_cookie(
                    cookie_name(self.port),
                    self.token,
                    path="/",
                    httponly=True,
                    samesite="Strict",
                )
                return response
            cookie = request.cookies.get(cookie_name(self.port))
            if not (token_matches(self.token, cookie) or token_matches(self.token, given)):
                raise web.HTTPForbidden(text=NEEDS_TOKEN)
            return await handler(request)

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict[str, Any]:
            # Links follow the address the browser used (textual-serve's point at --host,
            # which is wrong for 0.0.0.0 and for IPv6 addresses).
            scheme = "wss" if request.secure else "ws"
            return {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": f"{scheme}://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": self.title},
            }

        async def on_startup(self, app: web.Application) -> None:
            address = page_address(self.host, self.port, self.token)
            print(
                f"{PROG} is ready at {address} - open it in your browser. Ctrl+C here stops it.",
                file=self.out,
                flush=True,
            )

    return PrivateServer
