# The developer entry points. `make run` and `make test` each work alone on a fresh Debian 12.
.PHONY: all bootstrap build build-debug web run test test-release test-debug bench format clean

JOBS ?= $(shell nproc)
WEB_SOURCES := $(shell find web/src web/public web/scripts -type f 2>/dev/null) \
               web/index.html web/vite.config.ts web/tsconfig.json web/package-lock.json \
               api/openapi.yaml

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-debug: bootstrap
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

web: web/dist/index.html

web/dist/index.html: $(WEB_SOURCES)
	@cd web && npm run --silent build

# The first run on an empty data dir adds the demo organisation and prints how to sign in.
run: build
	@SKILLNEXUS_DEMO_CONTENT=1 build/release/skillnexus serve

# Every test: unit, integration and browser tests on the release build, then the unit and
# integration tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test: build build-debug
	@ctest --preset release -j $(JOBS)
	@ctest --preset debug -j $(JOBS) -LE e2e

test-release: build
	@ctest --preset release -j $(JOBS)

test-debug: build-debug
	@ctest --preset debug -j $(JOBS) -LE e2e

bench: build
	@bench/run
	@bench/learner-mix
	@bench/media
	@bench/media-pipeline

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')

clean:
	@rm -rf build web/dist
