"""Run the command-line interface with ``python -m mitoaki``."""

from mitoaki.cli import app

if __name__ == "__main__":
    app(prog_name="mitoaki")
