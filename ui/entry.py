"""Program entry point (also PyInstaller's script): the CLI, with the desktop UI as its default action.

Qt is imported only when the GUI starts, so CLI subcommands such as ``crm search`` stay light.
"""

from __future__ import annotations

import sys

from ui.gui_hooks import GuiHooks


def main(argv: list[str] | None = None) -> int:
    from crm import cli

    return cli.main(argv, gui=GuiHooks())


if __name__ == "__main__":
    sys.exit(main())
