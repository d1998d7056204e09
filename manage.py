#!/usr/bin/env python
"""Django's command-line utility for Maeul."""

import os
import sys


def main() -> None:
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
