"""``python -m tradetrace``."""

from tradetrace.app import main

main()
