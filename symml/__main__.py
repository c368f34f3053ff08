"""`python -m symml` is the `symml` command."""
from .cli import main

raise SystemExit(main())
