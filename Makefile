# The README's commands. Each target sets up .venv itself the first time (about 1-2 minutes).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
FRAMES := out/frames
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: setup run test lab bench lint clean notebooks phoenix calibrate

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip
	$(PY) -m pip install -q -e '.[notebooks,dev]'
	touch $(STAMP)

setup: $(STAMP)

## code the seed article and the demonstration corpus into out/frames, and print a summary
run: setup
	$(VENV)/bin/analystkit code seeds data/articles --out $(FRAMES)

## the whole test suite: unit and property tests, doctests, and the notebooks under nbval
test: setup
	$(PY) -m pytest tests analystkit notebooks $(NBVAL)

## JupyterLab on notebooks/
lab: setup
	$(VENV)/bin/jupyter lab notebooks/

## throughput and memory figures (printed, never asserted)
bench: setup
	$(PY) benchmarks/coding_throughput.py

lint: setup
	$(VENV)/bin/ruff check analystkit tests benchmarks

## re-convert the Phoenix / PETRARCH-2 dictionaries (../shared/data/petrarch2) into analystkit/lexicons/phoenix/
phoenix: setup
	$(PY) scripts/convert_phoenix.py

calibrate: setup
	$(PY) scripts/calibrate_confidence.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis

## re-execute the notebooks in place (after a change to the coder or the lexicons), so nbval compares fresh outputs
notebooks: setup
	cd notebooks && for nb in *.ipynb; do ../$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.store_widget_state=False "$$nb" || exit 1; done
