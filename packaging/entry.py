"""The frozen program's entry point: the same command line as the ``deflection-kit`` script."""

from deflection_kit.cli import main

if __name__ == "__main__":
    main()
