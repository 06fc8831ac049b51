"""`recovery-tui serve`: the app in a browser tab, through textual-serve (the `web` extra).

Every browser tab that connects gets its own copy of the app, started as
``<this python> -m recovery_tui --dir <journal>`` with this process's environment, so it uses
the same journal, settings and cache as ``recovery-tui`` in a terminal.

Kept private: the server listens on 127.0.0.1 unless told otherwise, and then answers only
requests addressed to a loopback name (so a web page can't reach it by pointing its own
domain name at 127.0.0.1) and websockets opened by its own page (so another site open in the
browser can't read the journal). The page loads nothing from the internet: textual-serve's
page asks a font service for its font, which this module swaps for the font files that
textual-serve ships.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import shlex
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from recovery_tui.commands import PROG, Refusal
from recovery_tui.paths import AppPaths

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = (
    "showing the journal in a browser tab needs the optional 'web' part, which isn't "
    "installed. Add it with 'uv sync --extra web' (or run 'uv run --extra web "
    f"{PROG} serve'); with pip, 'pip install \"{PROG}[web]\"'."
)

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
        f"{PROG}: note: listening on {host}:{port}, not just on this computer. Anyone who can "
        "reach it on the network can open your journal, and what you write travels "
        "unencrypted. Leave out --host to keep it on this computer (127.0.0.1)."
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


def serve(app_paths: AppPaths, host: str, port: int, *, out: TextIO, err: TextIO) -> int:
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
        out=out,
    )
    try:
        server.serve()
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise Refusal(
            f"couldn't listen on {host}:{port} ({reason}). Try another one with --port.", code=1
        ) from None
    return 0


def _server_class() -> type[Any]:
    """textual-serve's Server, made private and offline (imported only when serving)."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server, to_int

    Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

    class PrivateServer(Server):
        def __init__(
            self, command: str, *, loopback_only: bool, out: TextIO, **kwargs: Any
        ) -> None:
            super().__init__(command, **kwargs)
            self.loopback_only = loopback_only
            self.out = out

        def initialize_logging(self) -> None:
            super().initialize_logging()
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
            shown = f"[{self.host}]" if ":" in self.host else self.host
            print(
                f"{PROG} is ready at http://{shown}:{self.port}/ - open it in your browser. "
                "Ctrl+C here stops it.",
                file=self.out,
                flush=True,
            )

    return PrivateServer
