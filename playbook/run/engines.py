"""A papermill engine that runs cells in this process instead of a fresh kernel.

Papermill's default engine starts one Jupyter kernel per notebook; for our
deliverables most of that time goes into starting the kernel and importing
pandas, matplotlib, python-docx and python-pptx again. `WarmEngine` keeps
everything papermill does (parameters, metadata, saved executed notebook, error
markers) but executes each cell with an IPython `InteractiveShell` living in the
current process, which the caller has already warmed (see `playbook.run.warm`).

Isolation is the caller's job: each client runs in its own forked process and
each notebook starts with a fresh user namespace (`WarmEngine` resets it).
Outputs are recorded as real nbformat outputs (stream, display_data,
execute_result, error), so the executed notebook and its HTML copy look the same
as with a kernel.
"""

from __future__ import annotations

import builtins
import gc
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from nbformat import NotebookNode
from papermill.engines import Engine

if TYPE_CHECKING:
    from papermill.engines import NotebookExecutionManager

ENGINE_NAME = "playbook"

# nbclient's tags: a cell that is expected to raise, a cell never executed.
_ALLOW_ERROR_TAG = "raises-exception"
_SKIP_TAG = "skip-execution"


def _new_output(output_type: str, **fields: Any) -> NotebookNode:
    """The output `nbformat.v4.new_output` makes from these fields, without its
    schema validation of every output on its own: papermill validates the
    executed notebook, every output with it, when it writes it."""
    # nbformat ships type information but leaves `from_dict` unannotated.
    output: NotebookNode = nbformat.from_dict(  # type: ignore[no-untyped-call]
        {"output_type": output_type, **fields})
    return output


class _Outputs:
    """The output list of the cell being executed; streams are merged like Jupyter does."""

    def __init__(self) -> None:
        self.target: list[Any] | None = None

    def stream(self, name: str, text: str) -> None:
        if self.target is None or not text:
            return
        last = self.target[-1] if self.target else None
        if last is not None and last.get("output_type") == "stream" and last.get("name") == name:
            last["text"] += text
        else:
            self.target.append(_new_output("stream", name=name, text=text))

    def display(self, data: dict[str, Any], metadata: dict[str, Any] | None,
                transient: dict[str, Any] | None = None) -> None:
        if self.target is None:
            return
        output = _new_output("display_data", data=data, metadata=metadata or {})
        if transient:
            output["transient"] = transient
        self.target.append(output)

    def result(self, data: dict[str, Any], metadata: dict[str, Any] | None, count: int | None
               ) -> None:
        if self.target is None:
            return
        self.target.append(
            _new_output(
                "execute_result", data=data, metadata=metadata or {}, execution_count=count
            )
        )

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        if self.target is None:
            return
        self.target.append(
            _new_output("error", ename=ename, evalue=evalue, traceback=traceback)
        )

    def clear(self) -> None:
        if self.target is not None:
            self.target.clear()


class _Stream:
    """A text stream that records what a cell prints as a `stream` output."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, name: str, outputs: _Outputs) -> None:
        self.name = name
        self._outputs = outputs

    def write(self, text: str) -> int:
        self._outputs.stream(self.name, str(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("a notebook cell's output stream has no file descriptor")


class _DisplayPublisher(DisplayPublisher):
    """`display(...)` and inline figures become `display_data` outputs."""

    def publish(self, data: dict[str, Any], metadata: dict[str, Any] | None = None,
                source: str | None = None, *, transient: dict[str, Any] | None = None,
                update: bool = False, **kwargs: Any) -> None:
        _capturing(self.shell).outputs.display(data, metadata, transient)

    def clear_output(self, wait: bool = False) -> None:
        _capturing(self.shell).outputs.clear()


class _DisplayHook(DisplayHook):
    """The value of a cell's last expression becomes an `execute_result` output."""

    def start_displayhook(self) -> None:
        pass

    def write_output_prompt(self) -> None:
        pass

    def write_format_data(self, format_dict: dict[str, Any],
                          md_dict: dict[str, Any] | None = None) -> None:
        _capturing(self.shell).outputs.result(format_dict, md_dict, self.prompt_count)

    def finish_displayhook(self) -> None:
        pass

    def flush(self) -> None:
        """Forget the previous notebook's results, as IPython's own `flush` does,
        without the full garbage collection it ends with, before the namespace is
        cleared: `fresh_namespace` collects after it."""
        shell = _capturing(self.shell)
        for number in range(1, self.prompt_count + 1):
            shell.user_ns_hidden.pop(f"_{number}", None)
            shell.user_ns.pop(f"_{number}", None)
        outputs = shell.user_ns.get("_oh")
        if outputs is not None:
            outputs.clear()
        self._, self.__, self.___ = "", "", ""  # no reference kept to the last results
        if "_" not in builtins.__dict__:
            shell.user_ns.update({"_": self._, "__": self.__, "___": self.___})


class CapturingShell(InteractiveShell):
    """An InteractiveShell whose every output lands in the current cell's outputs."""

    displayhook_class = _DisplayHook
    display_pub_class = _DisplayPublisher

    def __init__(self, **kwargs: Any) -> None:
        self.outputs = _Outputs()
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]  # IPython leaves it unannotated

    def enable_gui(self, gui: str | None = None) -> None:
        """No event loop to integrate: figures are rendered inline, as in a kernel."""

    def _showtraceback(self, etype: type[BaseException], evalue: BaseException,
                       stb: list[str]) -> None:
        self.outputs.error(etype.__name__, str(evalue), list(stb))

    def run_notebook_cell(self, source: str, outputs: list[Any]) -> tuple[int | None, bool]:
        """Run one cell, recording into `outputs`; return (execution count, failed)."""
        self.outputs.target = outputs
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Stream("stdout", self.outputs), _Stream("stderr", self.outputs)
        try:
            # IPython leaves `run_cell` unannotated: its ExecutionResult is read as Any.
            result = self.run_cell(source, store_history=True)  # type: ignore[no-untyped-call]
        finally:
            sys.stdout, sys.stderr = saved
            self.outputs.target = None
        failed = result.error_before_exec is not None or result.error_in_exec is not None
        if isinstance(result.error_in_exec, SystemExit) and not result.error_in_exec.code:
            failed = False  # papermill treats `sys.exit(0)` as a clean stop
        return result.execution_count, failed


def _capturing(owner: Any) -> CapturingShell:
    """The shell that installed a display hook or publisher: always a `CapturingShell`
    (IPython types it as any shell, or none)."""
    assert isinstance(owner, CapturingShell)
    return owner


def shell() -> CapturingShell:
    """The process's shell, created once (creating it is the costly part)."""
    if CapturingShell.initialized():
        return CapturingShell.instance()
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # no history database on disk
    main_module = sys.modules.get("__main__")
    instance = CapturingShell.instance(config=config)
    # IPython installs its own `__main__`; the host program keeps its own, so
    # that pickling and multiprocessing in the host behave as before.
    if main_module is not None:
        sys.modules["__main__"] = main_module
    instance.enable_matplotlib("inline")  # type: ignore[no-untyped-call]  # IPython: unannotated
    # A review table is read as HTML (notebook, review copy); its plain-text
    # rendering, which pandas builds cell by cell, only ever serves as a label.
    import pandas

    assert instance.display_formatter is not None  # set when the shell is created
    instance.display_formatter.formatters["text/plain"].for_type(pandas.DataFrame, _table_label)
    return instance


def _table_label(table: Any, printer: Any, cycle: bool) -> None:
    rows, columns = table.shape
    printer.text(f"<table: {rows} rows x {columns} columns>")


def fresh_namespace(instance: CapturingShell) -> None:
    """Forget every name, output and execution count of the previous notebook."""
    instance.reset(new_session=True)  # type: ignore[no-untyped-call]  # IPython: unannotated
    instance.execution_count = 1
    # What the previous notebook left in cycles (documents, figures) is reclaimed
    # now, its namespace cleared; what survives is what the client keeps (caches,
    # its analysis), left out of later collections as the warm parent leaves its
    # own: each collection scans one notebook's objects, not all the client made.
    gc.collect()
    gc.freeze()


class WarmEngine(Engine):  # type: ignore[misc]  # papermill ships no type information
    """Papermill engine executing cells in-process, in a fresh namespace per notebook.

    Registered under the name "playbook" (entry point and `register()`), used as
    `papermill.execute_notebook(..., engine_name="playbook")`.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man: NotebookExecutionManager, kernel_name: str,
                                 **kwargs: Any) -> NotebookNode:
        instance = shell()
        fresh_namespace(instance)
        cells = nb_man.nb.cells
        for index, cell in enumerate(cells):
            nb_man.cell_start(cell, index)
            failed = False
            try:
                if cell.cell_type == "code" and _SKIP_TAG not in cell.metadata.get("tags", []):
                    cell.outputs = []
                    count, failed = instance.run_notebook_cell(cell.source, cell.outputs)
                    cell.execution_count = count
                    if failed and _ALLOW_ERROR_TAG in cell.metadata.get("tags", []):
                        failed = False
                if failed:
                    nb_man.cell_exception(cell, cell_index=index)
            finally:
                nb_man.cell_complete(cell, cell_index=index)
            if failed:
                break
        return cast(NotebookNode, nb_man.nb)  # the notebook papermill gave the manager

    @classmethod
    def nb_kernel_name(cls, nb: NotebookNode, name: str | None = None) -> str:
        """No kernel is started, so any (or no) kernelspec is acceptable."""
        return name or nb.metadata.get("kernelspec", {}).get("name") or "python3"

    @classmethod
    def nb_language(cls, nb: NotebookNode, language: str | None = None) -> str:
        return language or nb.metadata.get("language_info", {}).get("name") or "python"


def register() -> None:
    """Make the engine available to papermill without relying on installed metadata."""
    from papermill.engines import papermill_engines

    papermill_engines.register(ENGINE_NAME, WarmEngine)
