"""The orchestration layer: Prefect flows and tasks, the CLI, scheduling. The only layer
that knows about Prefect, HTTP, the clock and the file system."""

__version__ = "0.1.0"
