"""Read staff uploads (XLSX or CSV) of vote options and postal ballots, all or nothing.

Officials keep these lists in Excel. An upload is imported whole or not at all: a parser
either returns every row or raises TableError naming each bad line, numbered as the
spreadsheet shows it (the header is line 1), and its column. Nothing here touches the
database: how many choices a ballot may hold, budgets, eligibility and a person voting twice
are for the services to check.

`files` reads a file into rows of text, `cells` reads one cell, `sheets` knows the columns
of the two uploads.
"""

from maeul.voting.tabular.files import MAX_ROWS, RowError, TableError, read_table
from maeul.voting.tabular.sheets import (
    CHOICES,
    OPTION_COLUMNS,
    POSTAL_COLUMNS,
    OptionRow,
    PostalRow,
    parse_option_rows,
    parse_postal_rows,
    postal_item_column,
)

__all__ = [
    "CHOICES",
    "MAX_ROWS",
    "OPTION_COLUMNS",
    "POSTAL_COLUMNS",
    "OptionRow",
    "PostalRow",
    "RowError",
    "TableError",
    "parse_option_rows",
    "parse_postal_rows",
    "postal_item_column",
    "read_table",
]
