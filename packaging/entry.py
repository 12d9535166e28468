"""The frozen program's entry point: the same command line as the ``deflection-kit`` script."""

import os
import sys


def _give_a_windowed_app_somewhere_to_write() -> None:
    """The desktop app built without a console (Windows) has no stdout or stderr: the one-line
    messages the kit prints would raise instead. They go to deflection-kit.log in the user data
    folder (owner-only), where a facilitator asking for help can find them."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    from deflection_kit import paths

    try:
        log = paths.user_data_dir() / "deflection-kit.log"
        handle = os.fdopen(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "a")
    except OSError:
        handle = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    sys.stdout = sys.stdout or handle
    sys.stderr = sys.stderr or handle


if __name__ == "__main__":
    import multiprocessing

    # A department's document templates compile in a worker process (deflection_kit.documents):
    # the frozen program must run it when started as one.
    multiprocessing.freeze_support()
    _give_a_windowed_app_somewhere_to_write()
    from deflection_kit.cli import main

    main()
