# spintrace — build, demo and test entry points. See README.md.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/spintrace
PKGS  := ./...
FUZZTIME ?= 2000x

.PHONY: all build demo test test-deps vet unit fuzz-short fuzz bench screenshots clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/spintrace

## demo: build, write the sample corpus, index it, trace a spun and stitched article.
demo: build
	$(BIN) demo --dir demo

## test: install what the tests need, then vet and run every test.
test: test-deps vet unit fuzz-short

test-deps:
	@bash scripts/test-deps.sh

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

unit:
	$(GO) test -count=1 -timeout 20m $(PKGS)

# Each fuzz target runs briefly (2000 executions) in `make test`; `make fuzz` runs 2m each, `make fuzz FUZZTIME=5m` longer.
fuzz-short:
	@bash scripts/fuzz.sh $(FUZZTIME)

fuzz:
	@bash scripts/fuzz.sh $(if $(filter 2000x,$(FUZZTIME)),2m,$(FUZZTIME))

## bench: micro-benchmarks and the end-to-end benchmark at 10k documents.
bench: build
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
	$(BIN) bench --docs 10000

## screenshots: drive the web UI in headless Chromium and save its pictures in docs/img.
screenshots: test-deps
	SPINTRACE_SCREENSHOTS=$(CURDIR)/docs/img $(GO) test -count=1 -run TestBrowserTrace ./internal/server

clean:
	rm -rf bin demo
