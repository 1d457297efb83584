"""Live preview: build, serve the output folder, rebuild on every save, reload the browser.

A thin layer over `build`: a save that breaks the content prints the problems
and leaves the last good site in place; the next good save replaces it.
"""

from __future__ import annotations

import argparse
import sys

from .build import build
from .clock import build_clock


def serve(args: argparse.Namespace) -> int:
    from livereload import Server  # imported here: only `serve` needs it

    def rebuild() -> None:
        outcome = build(
            args.content, args.output, build_clock(args.now), strict=args.strict, templates=args.templates
        )
        for problem in outcome.report:
            print(problem.format(), file=sys.stderr)
        if outcome.failed(args.strict):
            print("Not rebuilt: fix the problems above; the last good site is still served.", file=sys.stderr)
        else:
            print(f"Rebuilt {outcome.files_written} files.")

    rebuild()
    server = Server()
    for folder in (args.content, args.templates):
        server.watch(str(folder), rebuild, delay=0.2)
    print(f"Previewing on http://{args.host}:{args.port}/ (Ctrl+C to stop)")
    server.serve(host=args.host, port=args.port, root=str(args.output), open_url_delay=None)
    return 0
