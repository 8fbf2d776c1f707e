"""`visualnn install-desktop [--uninstall]`: the menu entry, icons and `.vnn` file type."""

from __future__ import annotations

import sys

from visualnn.cli.common import CliError
from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser(
        "install-desktop", help=tr("add visualnn to the desktop menu and open .vnn files with it (Linux)"),
        description=tr("Register visualnn with a Linux desktop for this user: the menu entry, the icons and the .vnn file type (double-clicking a project opens it)."),
        epilog=tr("examples:") + "\n  visualnn install-desktop\n  visualnn install-desktop --uninstall")
    s.add_argument("--uninstall", action="store_true", help=tr("remove what an earlier install-desktop added"))
    s.add_argument("--prefix", metavar="DIR",
                   help=tr("the data folder to install under (default: $XDG_DATA_HOME, else ~/.local/share)"))
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn import desktop

    if not sys.platform.startswith("linux") and not args.prefix:
        raise CliError(tr("install-desktop is for Linux desktops; on Windows and macOS use the "
                          "desktop build, which registers itself"), 1)
    try:
        if args.uninstall:
            files = desktop.uninstall(args.prefix)
            print(tr("visualnn: removed {n} files from {where}", n=len(files),
                     where=args.prefix or desktop.data_home()))
        else:
            desktop.install(args.prefix)
            print(tr("visualnn: menu entry, icons and the .vnn file type installed under {where}; "
                     "the entry starts {command}", where=args.prefix or desktop.data_home(),
                     command=desktop.app_command()))
    except OSError as e:
        raise CliError(tr("cannot install the desktop entry: {error}", error=e), 1) from None
    return 0
