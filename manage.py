#!/usr/bin/env python
"""Django's command-line utility for Maeul."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["pb_outcome"] and "--help" not in sys.argv:
        # Counting a pabulib file needs no Django: skip its start-up (see counting/cli.py).
        from maeul.voting.counting.cli import main as pb_outcome

        sys.exit(pb_outcome(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maeul.settings")
    from django.core.management import execute_from_command_line

    from maeul.core.env import ConfigError

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
