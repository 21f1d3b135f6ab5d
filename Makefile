# mpbox — build, test and install.
#
#   make            library (static + shared), header, the mpbox command
#   make test       unit, integration and CLI tests, then the same suite
#                   under ASan+UBSan
#   make demo       a sandboxed Python program
#   make bench      benchmarks (see docs/benchmarks.md)
#   make install    PREFIX=/usr/local DESTDIR=
#
# MICROPYTHON_TGZ=path.tgz builds offline from a local copy of the npm
# tarball (verified against the pinned integrity all the same).

CC       ?= gcc
PREFIX   ?= /usr/local
# Where `make install` puts things (below $(DESTDIR)); mpbox.pc names them.
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
# The version's one home is include/mpbox.h (MPBOX_VERSION_MAJOR/MINOR/PATCH).
VERSION  := $(shell sed -n 's/^\#define MPBOX_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)$$/\2/p' include/mpbox.h | paste -sd.)
SONAME   := libmpbox.so.$(firstword $(subst ., ,$(VERSION)))
BUILD    ?= build
OPT      ?= -O2
GUESTOPT ?= -O2
FUEL     ?= 1
SPEED    ?= 1
INVOKE   ?= 1

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CSTD     := -std=c11 -D_GNU_SOURCE
GUEST_DIR ?= $(BUILD)/guest
LIBFLAGS := -fPIC -fvisibility=hidden
# Header dependencies are found by the compiler (-MMD -MP: a .d file next
# to each object and test, read back below), not listed by hand.
CFLAGS_ALL = $(CSTD) $(OPT) -g $(WARN) $(LIBFLAGS) -MMD -MP $(INCS) $(FUEL_CFLAGS) $(GC_CFLAGS) $(CFLAGS)
LIBS     := -lsqlite3 -lpthread -lm

# ---- layers (docs/architecture.md, "Layers") ----------------------------
# Each folder is compiled with the include paths of the layers it may use
# and no others, so that an upward include fails to compile:
#   util/                      nothing else (buffers, JSON, UTF-8, SHA-256)
#   rt/ host/ core/            the library: util/, include/, the guest
#   app/                       include/mpbox.h and util/: what the command
#                              and the server share (MCP core, units, I/O)
#   cli/    server/            app/ (and below), never each other
#   cmd/                       cli/ and server/: main() dispatches
# tools/check_layers.sh checks the #include lines the same way (make test).
INCS_UTIL   := -Iutil
INCS_LIB    := -Iinclude -Iutil -Irt -Ihost -Icore -I$(GUEST_DIR)
INCS_APP    := -Iinclude -Iutil -Iapp
INCS_CLI    := $(INCS_APP) -Icli
INCS_SERVER := $(INCS_APP) -Iserver
INCS_CMD    := $(INCS_APP) -Icli -Iserver
# Tests and tools see every layer.
INCS_TEST   := $(INCS_LIB) -Iapp -Icli -Iserver
INCS        := $(INCS_LIB)
$(BUILD)/obj/util/%.o:   INCS = $(INCS_UTIL)
$(BUILD)/obj/app/%.o:    INCS = $(INCS_APP)
$(BUILD)/obj/cli/%.o:    INCS = $(INCS_CLI)
$(BUILD)/obj/server/%.o: INCS = $(INCS_SERVER)
$(BUILD)/obj/cmd/%.o:    INCS = $(INCS_CMD)

UTIL_SRC := $(wildcard util/*.c)
# util/ is linked into the library (hidden, as everything but mpbox_*), and
# reaches the command through libmpbox.a.
LIB_SRC  := $(UTIL_SRC) $(wildcard rt/*.c) $(wildcard host/*.c) $(wildcard core/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
# The command: cmd/main.c dispatches to the CLI (cli/) or the agent server
# (server/: HTTP, worker processes, seccomp), both on app/ and the public
# API only.
APP_OBJ    := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard app/*.c))
SERVER_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard server/*.c))
CLI_OBJ  := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard cmd/*.c) $(wildcard cli/*.c)) $(SERVER_OBJ) $(APP_OBJ)

GUEST_O  := $(GUEST_DIR)/guest.o

.PHONY: all deps test test-unit test-asan test-gc-stress demo bench install uninstall deb clean distclean fuzz
all: $(BUILD)/libmpbox.a $(BUILD)/libmpbox.so $(BUILD)/mpbox $(BUILD)/mpbox.pc $(GUEST_DIR)/guest-map.tsv

# ---- dependencies and the guest --------------------------------------
# Every compile waits for the dependency check (order-only: `| $(DEPS_OK)`),
# so that on a machine without, say, libedit-dev the build stops at the
# check with its install line instead of racing it with -j and failing on a
# missing header (tests/cli/test_build.py).
DEPS_OK := $(BUILD)/.deps-ok
$(DEPS_OK): guest/deps.sh
	@mkdir -p $(BUILD)
	@sh guest/deps.sh
	@touch $@

deps:
	@sh guest/deps.sh test

$(GUEST_DIR)/micropython.wasm: guest/fetch.sh | $(DEPS_OK)
	sh guest/fetch.sh $(GUEST_DIR)

# The guest is rewritten at build time by twenty-two Binaryen C API tools, built in
# GUEST_DIR so that sub-makes sharing a guest (test-asan) see them as up to
# date:
#   guest/speed (SPEED=1, the default) removes quadratic algorithms from the
#   guest (geometric vstr growth, the allocator's free-block index), found
#   by structure: docs/benchmarks.md;
#   guest/map (always) hands the guest's hash maps to host/map.c, which
#   keeps dicts in insertion order (docs/architecture.md, "Dicts");
#   guest/gc (always) hands the guest's gc_collect to host/gc.c, which
#   collects during runs (docs/architecture.md, "Garbage collection");
#   guest/numfmt (always) routes float printing and round(x, n) to
#   host/numfmt.c: CPython's digits (docs/architecture.md);
#   guest/sort (always) hands list.sort's quicksort to host/sort.c, a
#   stable merge sort (docs/architecture.md, "Sorting");
#   guest/bignum (always) hands the digit loops of big-integer multiplication
#   and division to host/bignum.c (32-bit limbs; docs/architecture.md);
#   guest/slice (always) sends the built-in sequences' "only slices with
#   step=1" raises to lib/python/_mpbox_slices.py (extended slices);
#   guest/strrepr (always) routes repr() of str to host/strrepr.c, which
#   leaves printable non-ASCII characters unescaped, as CPython does, and
#   guest/strwidth pads formatted fields by characters, not UTF-8 bytes;
#   guest/reprcycle prints a list or dict inside itself as [...] or {...};
#   guest/typerepr prints classes with their module (<class '__main__.A'>)
#   through lib/python/_mpbox_typerepr.py, and guest/typesubscr sends
#   subscripted classes (list[int], __class_getitem__) to
#   lib/python/_mpbox_generic.py; guest/mro makes attribute lookup and
#   super() follow the C3 order of __mro__ (lib/python/_mpbox_types.py);
#   guest/excprint (always) prints exceptions' arguments as CPython
#   (str(KeyError('b')) is "'b'", repr(E('x')) is "E('x')"), and
#   guest/errtext gives ZeroDivisionError and int() CPython's texts;
#   guest/excchain keeps __cause__ and __context__ (host/exc.c) and prints an
#   uncaught exception's chain as CPython;
#   guest/compat (always) opens doors to host/compat.c for attributes,
#   keyword arguments and mappings the built-in types lack (docs/architecture.md);
#   guest/binop (always) sends the operators no type answers to
#   lib/python/_mpbox_binop.py (reflected comparisons, bytearray * int);
#   guest/setorder (always) hands the guest's sets to host/set.c, which
#   lays them out as CPython does (print order of sets of ints);
#   guest/intop (always) answers operators on small ints (and `is`) and
#   list and tuple subscripts in the guest, before the interpreter's
#   trampoline to mp_binary_op or mp_obj_subscr (docs/fuel.md);
#   guest/invoke (INVOKE=1, the default) calls directly, not through the
#   host's setjmp trampolines, what provably never longjmps (nlr_pop...);
#   guest/unicase (always) adds the functions through which str's case and
#   character-class methods reach host/unicase.c (Unicode's data); after
#   invoke, which wants the function table's one element segment alone;
#   guest/fuel (FUEL=1, the default) then adds deterministic fuel: an inline
#   counter (global "mpbox_fuel", import env.mpbox_out_of_fuel), docs/fuel.md.
# SPEED=0 / INVOKE=0 / FUEL=0 leave a step out (for measuring). The settings are kept in
# stamp files, so that switching one rebuilds the guest and the library.
FUEL_STAMP_GUEST := $(GUEST_DIR)/fuel-mode
FUEL_STAMP_LIB := $(BUILD)/fuel-mode
GUEST_MODE := FUEL=$(FUEL) SPEED=$(SPEED) SPEED_FLAGS=$(SPEED_FLAGS) INVOKE=$(INVOKE)
$(shell for f in $(FUEL_STAMP_GUEST) $(FUEL_STAMP_LIB); do mkdir -p "$${f%/*}"; \
    [ "`cat $$f 2>/dev/null`" = "$(GUEST_MODE)" ] || echo "$(GUEST_MODE)" > $$f; done)

$(GUEST_DIR)/speed: guest/speed.c guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/fuel: guest/fuel.c guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/invoke: guest/invoke.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/map: guest/map.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/sort: guest/sort.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/bignum: guest/bignum.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/compat: guest/compat.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/unicase: guest/unicase.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/numfmt: guest/numfmt.c guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/slice: guest/slice.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/strrepr: guest/strrepr.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/strwidth: guest/strwidth.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/reprcycle: guest/reprcycle.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/excprint: guest/excprint.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/errtext: guest/errtext.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/typerepr: guest/typerepr.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/typesubscr: guest/typesubscr.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/mro: guest/mro.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/excchain: guest/excchain.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/binop: guest/binop.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/setorder: guest/setorder.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/intop: guest/intop.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

# SPEED_FLAGS=--skip=vstr,extend,gc,full,qstr,hash,charlen leaves rewrites out (for measuring).
$(GUEST_DIR)/micropython.speed.wasm: $(GUEST_DIR)/micropython.wasm $(GUEST_DIR)/speed $(FUEL_STAMP_GUEST)
	$(GUEST_DIR)/speed $(SPEED_FLAGS) $< $@

ifeq ($(SPEED),1)
GUEST_BASE := $(GUEST_DIR)/micropython.speed.wasm
else
GUEST_BASE := $(GUEST_DIR)/micropython.wasm
endif

$(GUEST_DIR)/micropython.map.wasm: $(GUEST_BASE) $(GUEST_DIR)/map $(FUEL_STAMP_GUEST)
	$(GUEST_DIR)/map $< $@

$(GUEST_DIR)/gc: guest/gc.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $< -lbinaryen

$(GUEST_DIR)/micropython.gc.wasm: $(GUEST_DIR)/micropython.map.wasm $(GUEST_DIR)/gc $(FUEL_STAMP_GUEST)
	$(GUEST_DIR)/gc $< $@

$(GUEST_DIR)/micropython.num.wasm: $(GUEST_DIR)/micropython.gc.wasm $(GUEST_DIR)/numfmt
	$(GUEST_DIR)/numfmt $< $@

$(GUEST_DIR)/micropython.sort.wasm: $(GUEST_DIR)/micropython.num.wasm $(GUEST_DIR)/sort
	$(GUEST_DIR)/sort $< $@

$(GUEST_DIR)/micropython.bignum.wasm: $(GUEST_DIR)/micropython.sort.wasm $(GUEST_DIR)/bignum
	$(GUEST_DIR)/bignum $< $@

$(GUEST_DIR)/micropython.slice.wasm: $(GUEST_DIR)/micropython.bignum.wasm $(GUEST_DIR)/slice
	$(GUEST_DIR)/slice $< $@

$(GUEST_DIR)/micropython.repr.wasm: $(GUEST_DIR)/micropython.slice.wasm $(GUEST_DIR)/strrepr $(GUEST_DIR)/strwidth \
		$(GUEST_DIR)/reprcycle
	$(GUEST_DIR)/strrepr $< $@.tmp && $(GUEST_DIR)/strwidth $@.tmp $@.tmp2 && $(GUEST_DIR)/reprcycle $@.tmp2 $@ && \
	rm -f $@.tmp $@.tmp2

$(GUEST_DIR)/micropython.class.wasm: $(GUEST_DIR)/micropython.repr.wasm $(GUEST_DIR)/typerepr $(GUEST_DIR)/typesubscr \
    $(GUEST_DIR)/mro
	$(GUEST_DIR)/typerepr $< $@.tmp && $(GUEST_DIR)/typesubscr $@.tmp $@.tmp2 && $(GUEST_DIR)/mro $@.tmp2 $@ && \
	rm -f $@.tmp $@.tmp2

$(GUEST_DIR)/micropython.exc.wasm: $(GUEST_DIR)/micropython.class.wasm $(GUEST_DIR)/excprint $(GUEST_DIR)/errtext $(GUEST_DIR)/excchain
	$(GUEST_DIR)/excprint $< $@.tmp && $(GUEST_DIR)/errtext $@.tmp $@.tmp2 && $(GUEST_DIR)/excchain $@.tmp2 $@ && \
	rm -f $@.tmp $@.tmp2

$(GUEST_DIR)/micropython.compat.wasm: $(GUEST_DIR)/micropython.exc.wasm $(GUEST_DIR)/compat
	$(GUEST_DIR)/compat $< $@

$(GUEST_DIR)/micropython.binop.wasm: $(GUEST_DIR)/micropython.compat.wasm $(GUEST_DIR)/binop $(GUEST_DIR)/setorder
	$(GUEST_DIR)/binop $< $@.tmp && $(GUEST_DIR)/setorder $@.tmp $@ && rm -f $@.tmp

$(GUEST_DIR)/micropython.intop.wasm: $(GUEST_DIR)/micropython.binop.wasm $(GUEST_DIR)/intop
	$(GUEST_DIR)/intop $< $@

$(GUEST_DIR)/micropython.invoke.wasm: $(GUEST_DIR)/micropython.intop.wasm $(GUEST_DIR)/invoke
	$(GUEST_DIR)/invoke $< $@

ifeq ($(INVOKE),1)
GUEST_PRE_UNICASE := $(GUEST_DIR)/micropython.invoke.wasm
else
GUEST_PRE_UNICASE := $(GUEST_DIR)/micropython.intop.wasm
endif

$(GUEST_DIR)/micropython.unicase.wasm: $(GUEST_PRE_UNICASE) $(GUEST_DIR)/unicase
	$(GUEST_DIR)/unicase $< $@

$(GUEST_DIR)/micropython.fuel.wasm: $(GUEST_DIR)/micropython.unicase.wasm $(GUEST_DIR)/fuel $(FUEL_STAMP_GUEST)
	$(GUEST_DIR)/fuel $< $@

ifeq ($(FUEL),1)
GUEST_WASM := $(GUEST_DIR)/micropython.fuel.wasm
FUEL_CFLAGS := -DMPBOX_FUEL=1
else
GUEST_WASM := $(GUEST_DIR)/micropython.unicase.wasm
FUEL_CFLAGS :=
endif
# guest-map.tsv (tools/guestmap.c) names guest functions in guest.c for
# profiling: made with it, so that the two never disagree (docs/benchmarks.md,
# "Profiling the guest").
# tools/membase then keeps the memory's base address in a local of each
# function (our memories never move while guest code runs).
$(GUEST_DIR)/guest.c $(GUEST_DIR)/guest.h $(GUEST_DIR)/guest-map.tsv &: $(GUEST_WASM) $(FUEL_STAMP_GUEST) \
    $(GUEST_DIR)/guestmap $(GUEST_DIR)/membase
	wasm2c -n micropython $< -o $(GUEST_DIR)/guest.c
	$(GUEST_DIR)/membase $(GUEST_DIR)/guest.c
	$(GUEST_DIR)/guestmap $< $(GUEST_DIR)/guest.c $(GUEST_DIR)/guest-map.tsv

$(GUEST_DIR)/membase: tools/membase.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -o $@ $<

$(GUEST_DIR)/guestmap: tools/guestmap.c guest/match.h guest/wasm_tree.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -Iguest -o $@ $< -lbinaryen

# Generated code: no warnings, no sanitizers; -fPIC so that one object
# serves the static and the shared library.
$(GUEST_O): $(GUEST_DIR)/guest.c | $(DEPS_OK)
	$(CC) $(CSTD) $(GUESTOPT) -fPIC -fvisibility=hidden -w -I$(GUEST_DIR) -c $< -o $@

# ---- the compatibility library (lib/python) ----------------------------
# Every file below lib/python becomes constant data inside the library,
# served read-only at /usr/lib/mpbox in every session (host/vfs.c, issue 6).
# tools/embed (a build-machine tool) writes $(BUILD)/gen/pylib.c. The list
# of files is kept in a stamp, so that adding or removing a file regenerates
# the source as well as changing one.
PYLIB_FILES := $(shell find lib/python -type f ! -name '.*' ! -name '*.pyc' ! -path '*/__pycache__/*' 2>/dev/null | LC_ALL=C sort)
PYLIB_STAMP := $(BUILD)/gen/pylib.list
$(shell mkdir -p $(BUILD)/gen; [ "`cat $(PYLIB_STAMP) 2>/dev/null`" = "$(PYLIB_FILES)" ] || echo "$(PYLIB_FILES)" > $(PYLIB_STAMP))
PYLIB_OBJ := $(BUILD)/obj/gen/pylib.o
LIB_OBJ += $(PYLIB_OBJ)

$(BUILD)/tools/embed: tools/embed.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $<

# The time-zone data zoneinfo reads (lib/python/zoneinfo.py) is embedded
# the same way, at /usr/lib/mpbox/tzdata: the zone files of Debian's tzdata
# (links resolved; embed shares identical files), without its right/ and
# posix/ copies and tables.
TZDIR_SRC ?= /usr/share/zoneinfo
TZDATA_DIR := $(BUILD)/gen/tzdata
TZDATA_STAMP := $(BUILD)/gen/tzdata.stamp
$(TZDATA_STAMP): $(TZDIR_SRC)/tzdata.zi | $(DEPS_OK)
	rm -rf $(TZDATA_DIR) && mkdir -p $(TZDATA_DIR)
	cd $(TZDIR_SRC) && find . \( -path ./right -o -path ./posix \) -prune -o \( -type f -o -type l \) \
	    ! -name '*.tab' ! -name '*.zi' ! -name 'leap*' ! -name localtime ! -name posixrules -print | \
	    while read -r f; do mkdir -p "$(abspath $(TZDATA_DIR))/$${f%/*}" && \
	        cp -L "$$f" "$(abspath $(TZDATA_DIR))/$$f" || exit 1; done
	touch $@

# The Unicode Character Database files unicodedata reads
# (lib/python/unicodedata.py), at /usr/lib/mpbox/unicode: Debian's
# unicode-data, from the directory of UNIDATA_SRC (also tools/unidata's input).
UNIDATA_SRC ?= /usr/share/unicode/UnicodeData.txt
UNICODE_SRC := $(patsubst %/,%,$(dir $(UNIDATA_SRC)))
UNICODE_FILES := UnicodeData.txt EastAsianWidth.txt CompositionExclusions.txt NameAliases.txt
UNICODE_DIR := $(BUILD)/gen/unicode
UNICODE_STAMP := $(BUILD)/gen/unicode.stamp
$(UNICODE_STAMP): $(addprefix $(UNICODE_SRC)/,$(UNICODE_FILES)) | $(DEPS_OK)
	rm -rf $(UNICODE_DIR) && mkdir -p $(UNICODE_DIR)
	cp $(addprefix $(UNICODE_SRC)/,$(UNICODE_FILES)) $(UNICODE_DIR)/
	touch $@

$(BUILD)/gen/pylib.c: $(BUILD)/tools/embed $(PYLIB_STAMP) $(PYLIB_FILES) $(TZDATA_STAMP) $(UNICODE_STAMP)
	$(BUILD)/tools/embed $@ lib/python $(TZDATA_DIR)=tzdata $(UNICODE_DIR)=unicode

$(PYLIB_OBJ): $(BUILD)/gen/pylib.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# Unicode tables (host/unitab.h) from Debian's unicode-data, written by
# tools/unidata (a build-machine tool) into $(BUILD)/gen/unitab.c
# (UNIDATA_SRC: above).
UNITAB_OBJ := $(BUILD)/obj/gen/unitab.o
LIB_OBJ += $(UNITAB_OBJ)

$(BUILD)/tools/unidata: tools/unidata.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $<

$(BUILD)/gen/unitab.c: $(BUILD)/tools/unidata $(UNIDATA_SRC)
	$(BUILD)/tools/unidata printable $(UNIDATA_SRC) $@

$(UNITAB_OBJ): $(BUILD)/gen/unitab.c host/unitab.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# str's case mappings and character properties (host/unicase.h), written by
# tools/unicase from the same directory's UnicodeData.txt, SpecialCasing.txt,
# CaseFolding.txt, DerivedCoreProperties.txt and Unihan numeric values.
UNICASE_OBJ := $(BUILD)/obj/gen/unicase.o
LIB_OBJ += $(UNICASE_OBJ)
UNICASE_FILES := UnicodeData.txt SpecialCasing.txt CaseFolding.txt DerivedCoreProperties.txt \
	Unihan_NumericValues.txt.bz2

$(BUILD)/tools/unicase: tools/unicase.c host/unicase.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $<

$(BUILD)/gen/unicase.c: $(BUILD)/tools/unicase $(addprefix $(UNICODE_SRC)/,$(UNICASE_FILES))
	bzcat $(UNICODE_SRC)/Unihan_NumericValues.txt.bz2 | $(BUILD)/tools/unicase $(UNICODE_SRC) $@

$(UNICASE_OBJ): $(BUILD)/gen/unicase.c host/unicase.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# ---- the start-up image ------------------------------------------------
# mpbox_runtime_new copies its start-up image (the guest after start-up, the
# prelude and the preloads: core/runtime.c) from $(BUILD)/gen/image.c
# instead of building it, which would cost tens of milliseconds per runtime
# (per `mpbox` command). tools/mkimage writes that source: it is linked with
# the library objects and tools/noimage.c ("no image embedded"), builds the
# image the run-time way and prints it out. It is rebuilt whenever any
# library object, the guest or lib/python changes; at run time the library
# checks the image's fingerprint and builds the image itself on a mismatch
# (core/image.c). Builds without gen/image.o (fuzz/Makefile) link
# tools/noimage.c instead.
IMAGE_OBJ   := $(BUILD)/obj/gen/image.o
NOIMAGE_OBJ := $(BUILD)/obj/tools/noimage.o

$(BUILD)/tools/mkimage: $(BUILD)/obj/tools/mkimage.o $(NOIMAGE_OBJ) $(LIB_OBJ) $(GUEST_O)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/gen/image.c: $(BUILD)/tools/mkimage
	$(BUILD)/tools/mkimage $@

$(IMAGE_OBJ): $(BUILD)/gen/image.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# ---- objects ----------------------------------------------------------
# Every object: its own .d lists the headers it included (-MMD). The first
# build has no .d yet, so compiles also wait (order-only) for the generated
# guest.h that the library's headers reach; and every compile waits for the
# dependency check. The fuel stamp: switching FUEL recompiles the library.
$(BUILD)/obj/%.o: %.c $(FUEL_STAMP_LIB) | $(DEPS_OK) $(GUEST_DIR)/guest.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libmpbox.a: $(LIB_OBJ) $(IMAGE_OBJ) $(GUEST_O)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libmpbox.so: $(LIB_OBJ) $(IMAGE_OBJ) $(GUEST_O)
	$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LIBS)

# mpbox.pc for the install directories; rewritten when they change.
PC_VARS := $(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(VERSION)
PC_STAMP := $(BUILD)/pc-dirs
$(shell mkdir -p $(BUILD); [ "`cat $(PC_STAMP) 2>/dev/null`" = "$(PC_VARS)" ] || echo "$(PC_VARS)" > $(PC_STAMP))
$(BUILD)/mpbox.pc: mpbox.pc.in $(PC_STAMP)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	    -e 's|@VERSION@|$(VERSION)|g' $< > $@

# ---- the playground page (mpbox serve --playground) --------------------
# The files of web/playground, embedded into the command by tools/embed as
# srv_playground_files (served by server/playground.c); listed in a stamp
# like lib/python's, so that adding or removing a file regenerates them.
PLAYGROUND_FILES := $(shell find web/playground -type f ! -name '.*' 2>/dev/null | LC_ALL=C sort)
PLAYGROUND_STAMP := $(BUILD)/gen/playground.list
$(shell mkdir -p $(BUILD)/gen; [ "`cat $(PLAYGROUND_STAMP) 2>/dev/null`" = "$(PLAYGROUND_FILES)" ] || echo "$(PLAYGROUND_FILES)" > $(PLAYGROUND_STAMP))
PLAYGROUND_OBJ := $(BUILD)/obj/gen/playground.o
CLI_OBJ += $(PLAYGROUND_OBJ)

$(BUILD)/gen/playground.c: $(BUILD)/tools/embed $(PLAYGROUND_STAMP) $(PLAYGROUND_FILES)
	$(BUILD)/tools/embed -s srv_playground_files $@ web/playground

$(PLAYGROUND_OBJ): $(BUILD)/gen/playground.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# ---- the command ------------------------------------------------------
$(BUILD)/mpbox: $(CLI_OBJ) $(BUILD)/libmpbox.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libmpbox.a -ledit -lmicrohttpd -lseccomp -lhiredis $(LIBS)

demo: $(BUILD)/mpbox
	$(BUILD)/mpbox examples/demo.py
	@echo "mpbox is $(BUILD)/mpbox: 'export PATH=$(abspath $(BUILD)):\$$PATH' to run the README's examples, or 'make install'"

# ---- tests ------------------------------------------------------------
# A test program is its source linked with the objects it tests (listed
# below as extra prerequisites: every .o among them is linked) and
# libmpbox.a, never with .c files compiled in: a change to a tested file
# rebuilds the test.
TEST_SRC := $(wildcard tests/unit/*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_CFLAGS = $(CSTD) $(OPT) -g $(WARN) -MMD -MP $(INCS_TEST) $(FUEL_CFLAGS) $(GC_CFLAGS) $(CFLAGS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmpbox.a | $(DEPS_OK) $(GUEST_DIR)/guest.h
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(filter %.o,$^) $(BUILD)/libmpbox.a $(LIBS)

# Every import of the guest as a numbered table (tools/import_table.sh), for
# the sweep of hostile arguments over the imports guest rewrites add.
$(BUILD)/gen/import_table.h: tools/import_table.sh $(GUEST_DIR)/guest.h
	@mkdir -p $(dir $@)
	sh tools/import_table.sh $(GUEST_DIR)/guest.h > $@.tmp && mv $@.tmp $@
$(BUILD)/tests/test_imports: $(BUILD)/gen/import_table.h
$(BUILD)/tests/test_imports: INCS_TEST += -I$(BUILD)/gen

# The MCP core and its HTTP transport, against a fake backend; clipping.
$(BUILD)/tests/test_mcp_http: $(APP_OBJ) $(BUILD)/obj/server/mcp_http.o
$(BUILD)/tests/test_clip: $(APP_OBJ)

# Tests of the agent server's worker processes (tests/server): the server
# objects they need, not the CLI.
WORKER_OBJ := $(patsubst %,$(BUILD)/obj/server/%.o,budget liveout proto sandbox worker worker_main zygote) \
              $(BUILD)/obj/app/io.o
SERVER_TEST_SRC := $(wildcard tests/server/*.c)
SERVER_TEST_BIN := $(SERVER_TEST_SRC:tests/server/%.c=$(BUILD)/tests/%)
TEST_BIN += $(SERVER_TEST_BIN)

$(BUILD)/tests/%: tests/server/%.c $(WORKER_OBJ) $(BUILD)/libmpbox.a | $(DEPS_OK) $(GUEST_DIR)/guest.h
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(filter %.o,$^) $(BUILD)/libmpbox.a -lseccomp $(LIBS)

test-unit: all $(TEST_BIN)
	@sh tests/run.sh $(BUILD)

# The same suite with AddressSanitizer and UndefinedBehaviorSanitizer on
# everything but the generated guest code (reused as is).
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
test-asan: $(GUEST_O)
	$(MAKE) BUILD=$(BUILD)-asan GUEST_DIR=$(GUEST_DIR) OPT="-O1" CFLAGS="$(ASAN_FLAGS)" \
	    LDFLAGS="$(ASAN_FLAGS)" $(BUILD)-asan/libmpbox.a $(BUILD)-asan/mpbox \
	    $(TEST_BIN:$(BUILD)/%=$(BUILD)-asan/%)
	@ASAN_OPTIONS=detect_leaks=1:allow_user_segv_handler=1:handle_segv=0:handle_sigbus=0 \
	    UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh $(BUILD)-asan

# Collection stress (docs/architecture.md, "Garbage collection"): with
# GC_STRESS=N the start-up image sets gc.threshold((N - 1) * 16), so that
# the guest collects whenever N - 1 blocks were allocated since the last
# collection (N = 1: before every allocation). test-gc-stress builds that
# library in its own directory (same guest) and runs tests/gc_stress.sh,
# a subset that finishes in minutes, under N = 1 and the sanitizers; it
# compares outcomes with the normal build's, hence `all`.
GC_STRESS ?= 0
ifneq ($(GC_STRESS),0)
GC_CFLAGS := -DMPBOX_GC_STRESS=$(GC_STRESS)
endif
test-gc-stress: all $(GUEST_O)
	$(MAKE) BUILD=$(BUILD)-gcstress GUEST_DIR=$(GUEST_DIR) GC_STRESS=1 OPT="-O1" CFLAGS="$(ASAN_FLAGS)" \
	    LDFLAGS="$(ASAN_FLAGS)" $(BUILD)-gcstress/mpbox $(BUILD)-gcstress/tests/test_gc \
	    $(BUILD)-gcstress/tests/test_fuel_exact
	@ASAN_OPTIONS=detect_leaks=1:allow_user_segv_handler=1:handle_segv=0:handle_sigbus=0 \
	    UBSAN_OPTIONS=print_stacktrace=1 sh tests/gc_stress.sh $(BUILD)-gcstress $(BUILD)

test: deps-test test-unit test-asan test-gc-stress

deps-test:
	@sh guest/deps.sh test
	@[ -d tests/mcp/node_modules ] || npm ci --prefix tests/mcp --no-audit --no-fund
	@[ -d tests/browser/node_modules ] || npm ci --prefix tests/browser --no-audit --no-fund

# ---- fuzzing: libFuzzer targets built with clang into build-fuzz/ (see
# fuzz/Makefile; the guest code is compiled without instrumentation)
fuzz: $(GUEST_DIR)/guest.c
	$(MAKE) -f fuzz/Makefile GUEST_DIR=$(GUEST_DIR)

# ---- benchmarks ---------------------------------------------------------
bench: all
	bench/run

# ---- install ------------------------------------------------------------
# make install PREFIX=/usr DESTDIR=/tmp/stage: files go below DESTDIR, and
# name PREFIX (mpbox.pc included). LIBDIR etc. may be set on their own
# (the Debian package uses the multiarch LIBDIR).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/mpbox $(DESTDIR)$(BINDIR)/mpbox
	install -m 644 $(BUILD)/libmpbox.a $(DESTDIR)$(LIBDIR)/libmpbox.a
	install -m 644 $(BUILD)/libmpbox.so $(DESTDIR)$(LIBDIR)/libmpbox.so.$(VERSION)
	ln -sf libmpbox.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libmpbox.so
	install -m 644 include/mpbox.h $(DESTDIR)$(INCLUDEDIR)/mpbox.h
	install -m 644 $(BUILD)/mpbox.pc $(DESTDIR)$(LIBDIR)/pkgconfig/mpbox.pc
	install -m 644 docs/mpbox.1 $(DESTDIR)$(MANDIR)/man1/mpbox.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mpbox $(DESTDIR)$(LIBDIR)/libmpbox.a $(DESTDIR)$(LIBDIR)/libmpbox.so \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libmpbox.so.$(VERSION) \
	    $(DESTDIR)$(INCLUDEDIR)/mpbox.h $(DESTDIR)$(LIBDIR)/pkgconfig/mpbox.pc $(DESTDIR)$(MANDIR)/man1/mpbox.1

# ---- the Debian package --------------------------------------------------
# make deb: $(BUILD)/mpbox_VERSION_ARCH.deb, made with dpkg's own tools
# from `make install` into a staging tree (PREFIX=/usr, the multiarch
# LIBDIR), the systemd unit and maintainer scripts in debian/.
DEB_ARCH  = $(shell dpkg-architecture -qDEB_HOST_ARCH)
DEB_MA    = $(shell dpkg-architecture -qDEB_HOST_MULTIARCH)
DEB_STAGE = $(BUILD)/deb
deb: all
	rm -rf $(DEB_STAGE) && mkdir -p $(DEB_STAGE)/root/DEBIAN
	$(MAKE) --no-print-directory install BUILD=$(BUILD) DESTDIR=$(abspath $(DEB_STAGE)/root) PREFIX=/usr \
	    LIBDIR=/usr/lib/$(DEB_MA)
	$(MAKE) --no-print-directory $(BUILD)/mpbox.pc BUILD=$(BUILD)
	cd $(DEB_STAGE)/root && strip --strip-unneeded usr/bin/mpbox usr/lib/$(DEB_MA)/libmpbox.so.$(VERSION) && \
	    strip --strip-debug usr/lib/$(DEB_MA)/libmpbox.a && gzip -9n usr/share/man/man1/mpbox.1
	install -D -m 644 debian/mpbox.service $(DEB_STAGE)/root/lib/systemd/system/mpbox.service
	install -D -m 644 debian/mpbox.sysusers $(DEB_STAGE)/root/usr/lib/sysusers.d/mpbox.conf
	install -d $(DEB_STAGE)/root/usr/share/doc/mpbox
	cat LICENSE NOTICE > $(DEB_STAGE)/root/usr/share/doc/mpbox/copyright
	install -m 644 README.md CHANGELOG.md docs/serve.md docs/operations.md $(DEB_STAGE)/root/usr/share/doc/mpbox/
	install -m 755 debian/postinst debian/prerm debian/postrm $(DEB_STAGE)/root/DEBIAN/
	echo "libmpbox $(firstword $(subst ., ,$(VERSION))) mpbox (>= $(VERSION))" > $(DEB_STAGE)/root/DEBIAN/shlibs
	echo "activate-noawait ldconfig" > $(DEB_STAGE)/root/DEBIAN/triggers
	printf 'mpbox (%s) unstable; urgency=medium\n\n  * Built from the source tree: see CHANGELOG.md.\n\n -- %s  %s\n' \
	    "$(VERSION)" "the mpbox developers <dev@mpbox.invalid>" \
	    "$$(git log -1 --format=%aD 2>/dev/null || date -R)" > $(DEB_STAGE)/changelog
	cd $(DEB_STAGE) && mkdir -p debian && cp $(abspath debian/control) debian/control && \
	    dpkg-shlibdeps -Tsubstvars -e root/usr/bin/mpbox && \
	    dpkg-gencontrol -pmpbox -lchangelog -Tsubstvars -Proot -ffiles
	dpkg-deb --root-owner-group -Zxz --build $(DEB_STAGE)/root $(BUILD)/mpbox_$(VERSION)_$(DEB_ARCH).deb

# The header dependencies the compiler found (-MMD -MP).
-include $(patsubst %.o,%.d,$(LIB_OBJ) $(IMAGE_OBJ) $(NOIMAGE_OBJ) $(BUILD)/obj/tools/mkimage.o $(CLI_OBJ)) \
    $(TEST_BIN:=.d)

clean:
	rm -rf $(BUILD)/obj $(BUILD)/tests $(BUILD)/libmpbox.* $(BUILD)/mpbox $(BUILD)-asan

distclean:
	rm -rf $(BUILD) $(BUILD)-asan
