"""The method as data: catalogues (dimensions, brakes, levers, success criteria,
workshops, KPIs, training formats and modules, steps) and bilingual labels.

    method = load_method()            # the bundled method
    method = load_method("my-firm/")  # a firm's adapted copy
"""

from .loader import DEFAULT_DIR, Method, load_method

__all__ = ["DEFAULT_DIR", "Method", "load_method"]
