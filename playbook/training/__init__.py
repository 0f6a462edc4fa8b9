"""Training mode: teach the method to new consultants with the playbook itself.

A new consultant tours a whole engagement on the bundled example, then
practises the impact diagnosis on fictional cases and gets feedback that
explains the method's reasoning:

    from playbook.training import check, load_case
    feedback = check(answer, "contact_centre", lang="en")
    print(feedback)

The method handbook (`write_handbook`) and the glossary are printed from the
method data only, so a firm that adapted its catalogues teaches its own method.
"""

from .answer import Answer, AnswerError
from .cases import CASES_DIR, case_names, case_path, load_case
from .check import Reference, check, reference, solution
from .feedback import Feedback, Remark
from .glossary import GlossaryEntry, glossary, glossary_table
from .handbook import build_handbook, write_handbook
from .html import show

__all__ = [
    "Answer", "AnswerError", "CASES_DIR", "Feedback", "GlossaryEntry", "Reference", "Remark",
    "build_handbook", "case_names", "case_path", "check", "glossary", "glossary_table",
    "load_case", "reference", "show", "solution", "write_handbook",
]
