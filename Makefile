# The only commands a newcomer needs: make demo, make test, make bench, make lint.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

VENV := .venv
PY := $(VENV)/bin/python
RLIB := $(CURDIR)/.rlib
CLI := target/release/ferrox
R_CRATE := bindings-r/src/rust/Cargo.toml
APT_PACKAGES := r-base-dev r-cran-testthat r-cran-roxygen2

.PHONY: demo test deps lint r-lint rust-test python python-test r r-test cross-language web-test screenshots \
	package rust-package python-package r-package bench bench-python fuzz FORCE

demo: $(CLI)
	@echo "== Papers in, report out: what is not consistent in examples/paper.pdf (errors planted) =="
	$(CLI) scan examples/paper.pdf --problems
	$(CLI) scan examples/paper.pdf --format html --output target/paper-report.html
	@echo "(the whole report, every finding in context: target/paper-report.html)"
	@echo
	@echo "== GRIM on every row of examples/means.csv =="
	$(CLI) check examples/means.csv
	@echo
	@echo "== A paper's Table 1: GRIMMER on Likert means, DEBIT on shares (examples/table1.csv) =="
	$(CLI) check examples/table1.csv --split cell
	@echo
	@echo "== Reported p-values recomputed from their test statistics (examples/results.csv) =="
	$(CLI) check examples/results.csv
	@echo
	@echo "== CLOSURE: every sample with mean 3.5 and SD 1.2, n = 50 on a 0-7 scale =="
	$(CLI) closure --mean 3.5 --sd 1.2 --n 50 --min 0 --max 7 --error-mean 0.05 --error-sd 0.005
	@echo
	@echo "== CLOSURE: no sample of 3 values from 1-3 has mean 2.0 and SD 0.5 =="
	$(CLI) closure --mean 2.0 --sd 0.5 --n 3 --min 1 --max 3 --count
	@echo
	@echo "== SPRITE: five of the 2.2 trillion samples with mean 5.5 and SD 2.1, n = 200 on a 1-10 scale =="
	$(CLI) sprite --mean 5.5 --sd 2.1 --n 200 --min 1 --max 10 --samples 5 --seed 1

$(CLI): FORCE
	cargo build --release -p ferrox-cli

FORCE:

test: deps lint r-lint rust-test python-test r-test cross-language web-test package
	@echo "make test: all steps passed"

deps: $(VENV)/.installed .r-deps .browser-deps

# Debian's Chromium for the page's browser tests (Playwright drives it; it
# never downloads a browser of its own).
.browser-deps:
	if [ ! -x /usr/bin/chromium ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi
	touch $@

# Debian's R and the two R packages the tests use; installed once.
.r-deps:
	if ! command -v Rscript >/dev/null || ! Rscript -e 'library(testthat); library(roxygen2)' >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi
	# R CMD check --as-cran checks configure scripts with checkbashisms.
	if ! command -v checkbashisms >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends devscripts; \
	fi
	touch $@

$(VENV)/.installed: bindings-python/requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r bindings-python/requirements-dev.txt
	touch $@

# Rust and Python, without R: the R crate's build needs R's headers, so its
# lint is r-lint, which make test runs too.
lint: $(VENV)/.installed
	python3 tools/version.py
	cargo fmt --all --check
	cargo fmt --manifest-path $(R_CRATE) --check
	cargo fmt --manifest-path fuzz/Cargo.toml --check
	cargo clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p ferrox
	$(VENV)/bin/ruff check bindings-python bindings-r/tools tests tools
	$(VENV)/bin/ruff format --check bindings-python bindings-r/tools tests tools

# The forensics alone stay a small tree; the kernels also pass on the
# portable path (no faer) that the R package builds.
LEAN_CRATES := 25

r-lint: deps
	cargo clippy --manifest-path $(R_CRATE) -- -D warnings

rust-test:
	cargo test --workspace
	cargo check -p ferrox --no-default-features
	crates=$$(cargo tree -p ferrox --no-default-features -e normal --prefix none | sort -u | wc -l); \
	  echo "ferrox --no-default-features: $$crates crates"; test $$crates -le $(LEAN_CRATES)
	cargo test -p ferrox --no-default-features --features kernels --lib kernels::
	cargo test -p ferrox --no-default-features --features kernels --test kernels

python: deps
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) PATH=$(CURDIR)/$(VENV)/bin:$$PATH maturin develop --release --quiet

python-test: python
	$(PY) -m pytest -q bindings-python/tests --doctest-modules bindings-python/python/ferrox

# Installing from the checkout leaves tracked files alone: only the R
# wrappers may be rewritten, when the Rust functions behind them changed.
r: deps
	mkdir -p $(RLIB) target
	touch target/.r-install-start
	R CMD INSTALL --no-test-load --library=$(RLIB) bindings-r
	changed=$$(git ls-files bindings-r | while read -r f; do if [ "$$f" -nt target/.r-install-start ]; then echo "$$f"; fi; done); \
	  if [ -n "$$changed" ] && [ "$$changed" != bindings-r/R/extendr-wrappers.R ]; then \
	    echo "installing the R package changed tracked files: $$changed" >&2; exit 1; fi

r-test: r
	R_LIBS=$(RLIB) Rscript -e 'r <- as.data.frame(testthat::test_local("bindings-r", load_package = "installed", stop_on_failure = TRUE)); cat(sum(r$$nb) - sum(r$$failed), "passed,", sum(r$$failed), "failed\n")'

# The packages as users get them: the crate as crates.io would build it, and
# the abi3 wheel and sdist, the wheel used in a fresh environment away from
# the source tree, its type stubs checked against the compiled module.
WHEEL_VENV := .venv-wheel

package: rust-package python-package r-package

# The CRAN source tarball, staged (core crate inside, crates vendored),
# built and checked as CRAN does, offline: no ERROR and no WARNING allowed.
R_STAGE := target/r-package

r-package: deps
	bash bindings-r/tools/stage.sh $(CURDIR)/$(R_STAGE)
	cd $(R_STAGE) && R CMD build --no-manual ferrox
	cd $(R_STAGE) && _R_CHECK_CRAN_INCOMING_REMOTE_=false _R_CHECK_FORCE_SUGGESTS_=false \
	  R CMD check --as-cran --no-manual ferrox_*.tar.gz
	! grep -E "^\* .*\.\.\. .*(ERROR|WARNING)" $(R_STAGE)/ferrox.Rcheck/00check.log

rust-package:
	cargo package -p ferrox --allow-dirty --quiet

python-package: python
	rm -rf dist
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) PATH=$(CURDIR)/$(VENV)/bin:$$PATH maturin build --release --sdist --out ../dist --quiet
	rm -rf $(WHEEL_VENV)
	python3 -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/pip install --quiet dist/ferrox-*.whl "pandas==3.1.1"
	cd $$(mktemp -d) && $(CURDIR)/$(WHEEL_VENV)/bin/python $(CURDIR)/bindings-python/tools/smoke.py
	ls dist/ferrox-*.tar.gz
	$(PY) -m mypy.stubtest ferrox._ferrox

cross-language: $(CLI) python r
	FERROX_CLI=$(CLI) R_LIBS=$(RLIB) $(PY) -m pytest -q tests/cross_language tests/guide

# The web page in headless Chromium, against `ferrox serve`; screenshots of
# failures in target/web-failures, of the guide's views in target/screenshots.
web-test: $(CLI) deps
	FERROX_CLI=$(CLI) $(PY) -m pytest -q -p no:cacheprovider tests/web

# The guide's pictures of the page, from the last browser test run.
screenshots: web-test
	cp target/screenshots/web-*.png docs/images/

# Fuzzing for longer than make test's short pass: libFuzzer over every
# entry of the core (cargo fuzz, which needs the nightly toolchain), then
# hypothesis over every Python function. The corpus starts from the test
# papers, so the readers are fuzzed on whole documents, not only on the
# fuzzer's own short inputs. Crashes land in fuzz/artifacts.
FUZZ_SECONDS ?= 600
FUZZ_EXAMPLES ?= 20000
# Per input. The instrumented build runs about 100 times slower than a
# release build, and a counted CLOSURE or SPRITE case of n = 40 on 22 values
# with no constraint left (huge error bounds) takes seconds in release.
FUZZ_TIMEOUT ?= 600

fuzz: python
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cargo run -q --release -p ferrox-fuzz --example seeds -- testdata/papers fuzz/corpus/entries
	cd fuzz && cargo +nightly fuzz run entries -- -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=4096
	FERROX_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q bindings-python/tests/test_fuzz.py

# A separate environment for the peers, whose pins clash with the test venv.
BENCH_VENV := .venv-bench

$(BENCH_VENV)/.installed: benches/requirements.txt
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r benches/requirements.txt
	touch $@

bench-python: $(BENCH_VENV)/.installed
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(BENCH_VENV) PATH=$(CURDIR)/$(BENCH_VENV)/bin:$$PATH maturin develop --release --quiet

bench: python bench-python $(CLI)
	cargo bench -p ferrox-benches --bench closure
	cargo run --release -p ferrox-benches --example closure_timing
	cargo run --release -p ferrox-benches --example kernels_backends
	bash benches/closure_cli.sh
	bash benches/consistency.sh
	$(PY) benches/closure_python.py
	bash benches/sprite.sh
	cargo run --release -p ferrox-benches --example closure_extremes
	cargo run --release -p ferrox-benches --example sprite_chain
	cargo run --release -p ferrox-benches --example chain_vs_exact
	cargo run --release -p ferrox-benches --example chain_burn_in
	CLI=$(CLI) bash benches/sprite_chain.sh
	cargo run --release -p ferrox-benches --example stats_timing
	cargo run --release -p ferrox-benches --example tails_accuracy
	$(PY) benches/serve_load.py --cli $(CLI)
	$(PY) benches/closure_frontier.py --cli $(CLI)
	bash benches/stats.sh
	CLI=$(CLI) bash benches/scan_long.sh
	cd benches && ../$(BENCH_VENV)/bin/python sprite_beyond.py --samples 100
