# Thin wrapper over CMake. `make run` and `make test` are the two commands of the README.
BUILD   ?= build
JOBS    ?= $(shell nproc)
SCENARIO ?= scenarios/reference.toml

.PHONY: all deps configure build run test bench clean

all: build

deps:
	@tools/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release > $(BUILD).configure.log 2>&1 \
	  || (cat $(BUILD).configure.log; exit 1)

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Opens the live window when a display is available, otherwise prints the terminal summary.
run: build
	@tools/run-reference.sh $(BUILD) $(SCENARIO)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD)/adoptsim bench

clean:
	rm -rf $(BUILD) $(BUILD).configure.log
