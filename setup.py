"""Build step the declarative configuration cannot express: the wheel ships the
deliverable notebooks and the house templates inside the package (see
`playbook/resources.py`), although the repository keeps them at its top for
consultants to open."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = {"notebooks": ("*.ipynb", "training/*.ipynb"), "templates": ("*.docx", "*.pptx")}


class BuildWithResources(build_py):
    def run(self):
        super().run()
        for folder, patterns in SHIPPED.items():
            for pattern in patterns:
                for source in sorted((ROOT / folder).glob(pattern)):
                    target = Path(self.build_lib) / "playbook" / folder / source.relative_to(ROOT / folder)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)


setup(cmdclass={"build_py": BuildWithResources})
