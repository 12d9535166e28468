"""Run the command line with ``python -m deflection_kit``."""

from deflection_kit.cli import main

if __name__ == "__main__":
    main()
