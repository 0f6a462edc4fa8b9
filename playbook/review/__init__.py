"""Review helpers for the deliverable notebooks: the tables and charts a
consultant checks before sending a deliverable.

Each module mirrors a deliverable (`framing_note`, `target_vision`, ...) and
returns pandas DataFrames built from the same `Analysis` the deliverable is
written from, and the deliverable's own charts drawn as images, so what the
notebook shows is what the client will read. Notebooks hold no logic.
"""
