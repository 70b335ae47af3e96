"""Kernel: what happens to a notebook's outputs inside a Jupyter kernel.

``install`` (called by ``utils`` on import) gives every figure alt text (``netralitas.describe``) and
keeps each warning in its place among the lines a cell prints. Outside a kernel (plain Python,
terminal IPython) it changes nothing.
"""

from __future__ import annotations

import sys
import warnings

from .describe import install as install_alt_text


def kernel_shell():
    """The IPython shell of the Jupyter kernel this code runs in, or None outside one."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return shell if shell is not None and getattr(shell, "kernel", None) is not None else None


def install() -> None:
    """Set up the kernel's outputs (alt text, warnings in order); nothing outside a kernel. Twice is harmless."""
    shell = kernel_shell()
    if shell is None:
        return
    install_alt_text(shell)
    keep_warnings_in_order()


def keep_warnings_in_order() -> None:
    """Send what a cell printed before a warning first, and the warning at once, so each run shows the same order.

    A kernel sends printed lines (stdout) and warnings (stderr) in separate batches, each after a fifth of
    a second or when the cell ends: a cell that warned and then printed showed the warning after the
    printed line when the rest of the cell was quick, and before it otherwise. Two builds of the same
    reports differed by that alone. Calling it twice is harmless.
    """
    if getattr(warnings.showwarning, "in_order", False):
        return
    show = warnings.showwarning

    def in_order(*args, **kwargs):
        sys.stdout.flush()
        show(*args, **kwargs)
        sys.stderr.flush()

    in_order.in_order = True
    warnings.showwarning = in_order
