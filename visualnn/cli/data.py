"""`visualnn data download NAME`: fetch a downloadable data set into the cache folder."""

from __future__ import annotations

import sys

from visualnn.cli.common import CliError
from visualnn.core.i18n import display_width, tr


def register(sub) -> None:
    s = sub.add_parser("data", help=tr("downloadable data sets (MNIST, Fashion-MNIST, CIFAR-10)"),
                       description=tr("Fetch the data sets that are too large to ship with visualnn."),
                       epilog=tr("example:") + " visualnn data download mnist")
    actions = s.add_subparsers(dest="action", metavar="ACTION")
    d = actions.add_parser("download", help=tr("download a data set, checksums verified, resumable"),
                           epilog=tr("examples:") + "\n  visualnn data download mnist\n  visualnn data download cifar10 --to /srv/class-data/cifar10\n  visualnn data download mnist --from file:///media/usb/mnist/")
    d.add_argument("name", choices=("mnist", "fashion_mnist", "cifar10"), help=tr("which data set"))
    d.add_argument("--to", metavar="DIR", help=tr("folder to put the files in (default: the cache folder, or $VISUALNN_DATA/NAME)"))
    d.add_argument("--from", dest="source", metavar="URL",
                   help=tr("a mirror to fetch from instead of the official address (http://, https:// or file://)"))
    d.set_defaults(func=run_download)
    actions.add_parser("list", help=tr("the downloadable sets, where they go and whether they are there")
                       ).set_defaults(func=run_list)
    s.set_defaults(func=lambda args: (s.print_help(), 2)[1])


def run_list(args) -> int:
    from visualnn.core.data.download import REMOTES, data_dir, is_ready

    for name, r in REMOTES.items():
        state = tr("downloaded") if is_ready(name) else tr("not downloaded")
        state += " " * max(0, 16 - display_width(state))  # CJK characters take two columns
        print(f"{name:<14} {state} {data_dir(name)}  ({tr(r.title)}; {r.source})")
    return 0


def run_download(args) -> int:
    from visualnn.core.data import DataError
    from visualnn.core.data.download import download

    show = sys.stderr.isatty()

    def progress(file, done, total):
        if show:
            size = f"{done / 1e6:.1f}/{total / 1e6:.1f} MB" if total else f"{done / 1e6:.1f} MB"
            sys.stderr.write(f"\r{file}: {size}   ")
            sys.stderr.flush()
        return True

    try:
        folder = download(args.name, args.to, args.source, progress)
    except KeyboardInterrupt:
        raise CliError(tr("download interrupted; run the same command again to resume"), 130) from None
    except DataError as e:
        raise CliError(str(e), 1) from None
    finally:
        if show:
            sys.stderr.write("\n")
    print(folder)
    return 0
