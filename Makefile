# galley: one Makefile; objects under build/, dependencies by pkg-config.

PKGS	 = libcmark-gfm yaml-0.1 libxml-2.0 zlib libdeflate jansson icu-uc icu-i18n nettle \
	   libwebp libwebpdemux libpng tomlplusplus
PKG_CFLAGS != pkg-config --cflags $(PKGS) 2>/dev/null
PKG_LIBS   != pkg-config --libs $(PKGS) 2>/dev/null

CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -Wall -Wextra -Wno-unused-parameter
ALLCFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   $(WARN) $(WERROR) -fvisibility=hidden -Iinclude -Isrc \
	   $(PKG_CFLAGS) $(SANFLAGS) $(MALLOC_DEF) $(CFLAGS)
LDLIBS	 = $(MALLOC_LIB) $(PKG_LIBS) -lcld2 -lstdc++ -lpthread -lm

# The release build allocates with mimalloc (named first, so that it is
# every library's malloc too); the sanitizers bring their own.
ifeq ($(SANITIZE),1)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer
BUILD	 = build/san
else ifeq ($(SANITIZE),thread)
SANFLAGS = -fsanitize=thread -fno-omit-frame-pointer
BUILD	 = build/tsan
else
BUILD	 = build/rel
MALLOC_LIB ?= -lmimalloc
endif
ifeq ($(MALLOC_LIB),-lmimalloc)
MALLOC_DEF = -DGALLEY_MIMALLOC
endif

# ./galley is one file for both builds: relink when the build changes.
$(shell mkdir -p build; [ "$$(cat build/mode 2>/dev/null)" = "$(BUILD)" ] || echo "$(BUILD)" > build/mode)

LIB_SRC	:= $(sort $(wildcard src/model/*.c src/readers/*.c src/filters/*.c \
	   src/writers/*.c src/writers/*/*.c))
CLI_SRC	:= $(sort $(wildcard src/cli/*.c))
LIB_CXX	:= $(sort $(wildcard src/filters/*.cc src/readers/*.cc))
LIB_OBJ	:= $(LIB_SRC:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
CLI_OBJ	:= $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: galley

$(BUILD)/galley: $(CLI_OBJ) $(BUILD)/libgalley.a
	$(CC) $(SANFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libgalley.a $(LDLIBS)

galley: $(BUILD)/galley build/mode
	cp $(BUILD)/galley $@.tmp && mv $@.tmp $@

$(BUILD)/libgalley.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(LIB_OBJ)

libgalley.a: $(BUILD)/libgalley.a
	cp $< $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -MMD -MP -c -o $@ $<

# CLD2 and toml++ are C++: their shims are the .cc files.
CXX	?= c++
$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 $(WARN) $(WERROR) -fvisibility=hidden -Iinclude -Isrc \
	    $(PKG_CFLAGS) $(SANFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libgalley.a tests/unit/tap.h \
	    $(wildcard tests/fuzz/*.[ch])
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -Itests/unit -o $@ $< $(BUILD)/libgalley.a $(LDLIBS)

units: $(UNIT_BIN)

deps:
	@sh scripts/install-deps.sh

# The two commands of the README.
run: deps
	$(MAKE) galley
	./galley convert -t json,epub,tei --tei-corpus output/corpus.tei.xml \
	    --translations -o output input
	./galley book -o output/book.epub input

# The whole suite with this build's ./galley, then the unit tests and a
# batch of inputs again under AddressSanitizer and UBSan (build/san),
# and parallel runs under ThreadSanitizer (build/tsan).
test: deps
	$(MAKE) WERROR=-Werror galley units
	$(MAKE) SANITIZE=1 WERROR=-Werror build/san/galley units
	$(MAKE) SANITIZE=thread WERROR=-Werror build/tsan/galley
	BUILD=$(BUILD) SAN_BUILD=build/san TSAN_BUILD=build/tsan sh tests/run.sh

bench: galley
	sh scripts/bench.sh

# libFuzzer harnesses (clang): one per reader (read, filter, JSON round
# trip), "convert" (reader -> every writer, outputs checked), "links"
# (several articles of a run) and "svg" (the EPUB's SVG cleaner).  Each
# runs FUZZ_SECONDS; new finds go in build/fuzz/NAME/, crashes to
# build/fuzz/NAME-crash-*; keep them in tests/fuzz/corpus once fixed.
FUZZ_SECONDS ?= 60
FUZZERS	= markdown text json convert links svg
FUZZ_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	   -Iinclude -Isrc $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined
fuzz-build:
	@mkdir -p build/fuzz
	for s in $(LIB_CXX); do \
	    clang++ -std=c++17 -g -O1 -Iinclude -Isrc $(PKG_CFLAGS) \
	    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=vptr,function \
	    -c -o build/fuzz/$$(basename $$s .cc).o $$s || exit 1; done
	for f in $(FUZZERS); do \
	    clang $(FUZZ_FLAGS) -o build/fuzz/fuzz_$$f tests/fuzz/fuzz_$$f.c \
	    tests/fuzz/fuzz_check.c $(LIB_SRC) \
	    $(patsubst %.cc,build/fuzz/%.o,$(notdir $(LIB_CXX))) \
	    $(LDLIBS:$(MALLOC_LIB)=) || exit 1; done

fuzz: fuzz-build
	for f in $(FUZZERS); do \
	    mkdir -p build/fuzz/$$f && \
	    build/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=build/fuzz/$$f- build/fuzz/$$f tests/fuzz/corpus \
	    input tests/bad tests/golden tests/text tests/epub tests/filters \
	    tests/tei || exit 1; done

# Valgrind checks a build with the C library's malloc, which it knows how
# to watch (objects of their own: main.c sets mimalloc's options).
VALGRIND = valgrind -q --error-exitcode=9 --leak-check=full \
	   --suppressions=tests/valgrind.supp \
	   --errors-for-leak-kinds=definite,possible
VG	 = build/vg/galley
valgrind:
	$(MAKE) BUILD=build/vg MALLOC_LIB= SANITIZE= $(VG)
	rm -rf build/valgrind-out
	$(VALGRIND) $(VG) convert -q -j 2 -t json,epub,tei \
	    --report build/valgrind-out/report.json \
	    --tei-corpus build/valgrind-out/corpus.xml -o build/valgrind-out \
	    input tests/text/ru-cp1251.txt tests/text/ja-sjis.txt \
	    tests/text/ar-hijri.txt
	$(VALGRIND) $(VG) book -q --tei build/valgrind-out/book.xml \
	    -o build/valgrind-out/book.epub input

PREFIX	?= /usr/local
install: galley
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 galley $(DESTDIR)$(PREFIX)/bin/galley
	install -m 644 src/cli/galley.1 $(DESTDIR)$(PREFIX)/share/man/man1/galley.1

clean:
	rm -rf build galley libgalley.a tests/out

.PHONY: all deps run test units bench install fuzz fuzz-build valgrind clean

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
