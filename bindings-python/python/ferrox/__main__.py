"""``python -m ferrox serve``: the web page, for users who have only the
Python package."""

import argparse

from ferrox._serve import serve


def main(argv: list[str] | None = None) -> None:
    """Reads the command line (``serve --host --port --open``) and serves."""
    parser = argparse.ArgumentParser(prog="python -m ferrox")
    commands = parser.add_subparsers(dest="command", required=True)
    page = commands.add_parser("serve", help="serve the web page until Ctrl-C")
    page.add_argument("--host", default="127.0.0.1")
    page.add_argument("--port", type=int, default=8000)
    page.add_argument("--open", action="store_true", help="open it in the browser")
    args = parser.parse_args(argv)
    serve(args.host, args.port, open=args.open)


if __name__ == "__main__":
    main()
