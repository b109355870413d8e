"""The server side of Eigenlab's JupyterLab: a jupyterlab_server LabServerApp that serves the rspack build of
app/ (bundle, settings schemas, themes) from Debian's jupyter_server, without Python's jupyterlab package.

Run as ``/usr/bin/python3 -m eigenlab_lab [--port N] [--ServerApp.root_dir DIR]`` with app/python on
PYTHONPATH (scripts/start.sh does this). The build folder can be moved with ``EIGENLAB_LAB_BUILD``.
"""
import json
import os

from jupyter_server.base.handlers import APIHandler, AuthenticatedFileHandler, JupyterHandler
from jupyter_server.utils import url_path_join
from jupyterlab_server import LabServerApp
from tornado import web, websocket

HERE = os.path.dirname(os.path.abspath(__file__))
APP_DIR = os.path.dirname(HERE)
BUILD = os.environ.get("EIGENLAB_LAB_BUILD", os.path.join(APP_DIR, "build"))
# The API reference built by `npm run docs` (TypeDoc), served at <base>/eigenlab/reference/ for the Help menu's
# "Eigenlab reference" (extension/src/help.ts).
REFERENCE = os.environ.get("EIGENLAB_REFERENCE", os.path.join(os.path.dirname(APP_DIR), "build", "reference"))
# User settings and workspaces live in the (per-run) Jupyter config dir, never inside the build.
CONFIG_DIR = os.environ.get("JUPYTER_CONFIG_DIR", os.path.join(os.path.expanduser("~"), ".jupyter"))

with open(os.path.join(APP_DIR, "package.json"), encoding="utf-8") as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": "eigenlab_lab", "app": EigenlabLab}]


class IdentityHandler(APIHandler):
    """GET /api/me: jupyter_server 1.23 predates the identity API that JupyterLab 4 polls (else 404s)."""

    @web.authenticated
    def get(self):
        user = self.current_user
        name = user if isinstance(user, str) else getattr(user, "username", "user") or "user"
        identity = {
            "username": name,
            "name": name,
            "display_name": name,
            "initials": name[:1].upper(),
            "avatar_url": None,
            "color": None,
        }
        self.finish(json.dumps({"identity": identity, "permissions": {}}))


class ReferenceHandler(AuthenticatedFileHandler):
    """GET /eigenlab/reference/...: the TypeDoc reference, for logged-in users.

    AuthenticatedFileHandler sandboxes what it serves (CSP ``sandbox allow-scripts``: user files may hold
    hostile HTML). That opaque origin loses the login cookie on every stylesheet, script and link of the
    reference, which then meet the login page. These pages are our own build, never a user's file, so they
    get the server's ordinary policy (``frame-ancestors 'self'``) instead.
    """

    @property
    def content_security_policy(self):
        return JupyterHandler.content_security_policy.fget(self)


class EventsHandler(websocket.WebSocketHandler):
    """WS /api/events/subscribe: accepted and kept silent (jupyter_server 1.23 has no event bus)."""

    def check_origin(self, origin):
        return True

    def on_message(self, message):
        pass


class EigenlabLab(LabServerApp):
    name = "eigenlab_lab"
    load_other_extensions = True
    app_name = "Eigenlab"
    app_version = VERSION
    extension_url = "/lab"
    default_url = "/lab"
    app_url = "/lab"
    static_dir = BUILD
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    # overrides.json: autosave off, so running the tracked example notebooks never rewrites them (#18);
    # Ctrl+S saves, and Settings > Document Manager turns autosave back on.
    app_settings_dir = os.path.join(APP_DIR, "settings")
    templates_dir = os.path.join(APP_DIR, "templates")
    user_settings_dir = os.path.join(CONFIG_DIR, "lab", "user-settings")
    workspaces_dir = os.path.join(CONFIG_DIR, "lab", "workspaces")

    def initialize_handlers(self):
        super().initialize_handlers()
        base = self.serverapp.base_url
        self.serverapp.web_app.add_handlers(
            ".*$",
            [
                (url_path_join(base, "api/me"), IdentityHandler),
                (url_path_join(base, "api/events/subscribe"), EventsHandler),
                (
                    url_path_join(base, r"eigenlab/reference/(.*)"),
                    ReferenceHandler,
                    {"path": REFERENCE, "default_filename": "index.html"},
                ),
            ],
        )


main = EigenlabLab.launch_instance

if __name__ == "__main__":
    # Import ourselves by name so the extension point resolves to this module, not to __main__.
    from eigenlab_lab import main as _main

    _main()
