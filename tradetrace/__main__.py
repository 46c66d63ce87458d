"""``python -m tradetrace``."""

from tradetrace.cli import main

main()
