# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PLAYBOOK = $(VENV)/bin/playbook
OUT    ?= outputs
EXAMPLES = playbook/examples

.PHONY: demo test lint lab bench clean-outputs venv templates workbooks handbook corpus

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@echo "Installing the playbook and its dependencies into $(VENV) (a few minutes the first time)..."
	$(PY) -m pip install --progress-bar on --upgrade pip
	$(PY) -m pip install --progress-bar on -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed

## Generate every deliverable for the bundled example clients (fr, en).
demo: venv
	$(PLAYBOOK) validate $(EXAMPLES)/mutuelle_horizon.yaml
	$(PLAYBOOK) run $(EXAMPLES)/mutuelle_horizon.yaml --out $(OUT)
	$(PLAYBOOK) run $(EXAMPLES)/mutuelle_horizon.yaml --lang en --out $(OUT)
	$(PLAYBOOK) run $(EXAMPLES)/northwind_b2b.yaml --out $(OUT)
	@echo "Deliverables written under $(OUT)/"

## The whole suite: unit and acceptance tests, then the notebooks under nbval.
test: venv
	$(PY) -m pytest -q -p no:cacheprovider -n 2 --dist loadgroup tests
	$(PY) -m pytest -q -p no:cacheprovider --nbval-lax --nbval-current-env notebooks

## The corpus of engagements: every one rendered in both languages, every check
## (layout included), one table printed and written into corpus/README.md.
corpus: venv
	$(PY) -m tests.corpus.report --write-readme

## ruff everywhere; mypy --strict on the whole package.
lint: venv
	$(VENV)/bin/ruff check playbook tests benchmarks templates setup.py
	$(VENV)/bin/mypy

## Open JupyterLab on the notebooks with the project's environment.
## LAB_ARGS passes options through: make lab LAB_ARGS="--port 8890 --no-browser"
## (root, as in a container, needs --allow-root: given automatically).
LAB_ARGS ?=
ROOT_ARGS = $(if $(filter 0,$(shell id -u)),--allow-root)
lab: venv
	$(VENV)/bin/jupyter lab $(ROOT_ARGS) $(LAB_ARGS) notebooks

## Measure batch throughput against naive papermill and direct calls.
bench: venv
	$(PY) benchmarks/bench_batch.py --n 10 40 --write-readme

## Write the method handbook (Word and HTML) in both languages.
handbook: venv
	$(PLAYBOOK) handbook --lang fr --out $(OUT)/handbook
	$(PLAYBOOK) handbook --lang en --out $(OUT)/handbook

templates: venv
	$(PY) templates/build_templates.py

clean-outputs:
	find $(OUT) -mindepth 1 ! -name .gitkeep ! -name README.md -exec rm -rf {} +
