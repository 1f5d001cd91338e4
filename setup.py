"""Build hook: a wheel carries the browser runtime's sources (playground/) inside the docsgen package.

Everything else about the package is declared in pyproject.toml. playground/ stays at the top of the
source tree, where its own tooling expects it; docsgen.bundle.npm.playground_dir() finds either copy.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PLAYGROUND = Path(__file__).resolve().parent / "playground"
# What building a site reads: npm's pins and the runtime's sources (never a node_modules).
SHIPPED = ("package.json", "package-lock.json", "src")


class BuildPyWithPlayground(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads playground/ where it is
            return
        target = Path(self.build_lib) / "docsgen" / "playground"
        target.mkdir(parents=True, exist_ok=True)
        for name in SHIPPED:
            source = PLAYGROUND / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": BuildPyWithPlayground})
