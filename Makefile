# fbloop: plain Makefile, one static library (lib/) under thin binaries (cmd/).
# O selects the build directory: 'make O=build-asan SAN=1' is the sanitizer build
# (ASan and UBSan), 'make O=build-tsan SAN=thread' the ThreadSanitizer one.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
DESTDIR ?=
INSTALL ?= install

O ?= build
CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = jansson libpcre2-8 libutf8proc zlib gsl

VERSION = 0.1.0
CFLAGS ?= -O3 -g
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wwrite-strings -Wformat=2 -Wvla
ifeq ($(CI),true)
WARN += -Werror
endif
ifeq ($(SAN),1)
CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(SAN),thread)
CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=thread
LDFLAGS += -fsanitize=thread
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -ffp-contract=off -D_POSIX_C_SOURCE=200809L -DFB_VERSION='"$(VERSION)"' \
             -Ilib $(WARN) $(PKG_CFLAGS) $(CFLAGS)
# libstemmer ships no pkg-config file.
LIBS = $(PKG_LIBS) -lstemmer -lm -pthread

CMDS = $(sort $(notdir $(basename $(wildcard cmd/fb-*.c))))
LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o)
LIBFB = $(O)/libfb.a
UNIT_SRC = $(sort $(wildcard tests/unit/t_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(O)/tests/replay_%)
CMD_BIN = $(CMDS:%=$(O)/bin/%)
# Subcommands have pages of their own, as in git: fb-eval-build(1).
MAN1 = $(sort $(wildcard man/*.1))

.PHONY: all deps demo check check-asan check-stats check-tsan fuzz-smoke install uninstall clean \
        format-check
.DELETE_ON_ERROR:
.SECONDARY:

all: $(CMD_BIN)
ifeq ($(O),build)
	@mkdir -p bin && for c in $(CMDS); do ln -sf ../$(O)/bin/$$c bin/$$c; done
endif

deps:
	@sh scripts/deps.sh

$(O)/%.o: %.c $(wildcard lib/*.h cmd/*/*.h) tests/unit/check.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBFB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# A binary is cmd/fb-X.c, plus cmd/fb-X/*.c when it has subcommands.
sub_obj = $(patsubst %.c,$(O)/%.o,$(wildcard cmd/$(1)/*.c))
.SECONDEXPANSION:
$(O)/bin/%: $(O)/cmd/%.o $$(call sub_obj,$$*) $(LIBFB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBFB) $(LIBS)

$(O)/tests/t_%: $(O)/tests/unit/t_%.o $(LIBFB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(LIBFB) $(LIBS)

# The replay driver gives every fuzz target a plain main(), so 'make check'
# replays the corpus without libFuzzer.
$(O)/tests/replay_%: $(O)/tests/fuzz/%.o $(O)/tests/fuzz/replay.o $(LIBFB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(O)/tests/fuzz/replay.o $(LIBFB) $(LIBS)

# The A/A simulation of fb-abtest's tests (tests/stats/aa.c), run by
# 'make check-stats'.
$(O)/tests/aa: $(O)/tests/stats/aa.o $(LIBFB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(LIBFB) $(LIBS)

build-tests: $(CMD_BIN) $(UNIT_BIN) $(REPLAY_BIN) $(O)/tests/aa

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh bin

check: deps
	@$(MAKE) --no-print-directory build-tests
	@bash tests/run.sh $(O)

check-stats: deps
	@$(MAKE) --no-print-directory $(O)/bin/fb-abtest $(O)/tests/aa
	@$(O)/tests/aa $(O)/bin/fb-abtest

check-asan: deps
	@$(MAKE) --no-print-directory O=build-asan SAN=1 build-tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		bash tests/run.sh build-asan

# The code that runs on threads, under ThreadSanitizer.
check-tsan: deps
	@$(MAKE) --no-print-directory O=build-tsan SAN=thread build-tests
	@sh scripts/check-tsan.sh build-tsan

# Short coverage-guided runs of every fuzz target (clang's libFuzzer).
FUZZ_SECONDS ?= 20
fuzz-smoke: deps
	@sh scripts/fuzz-smoke.sh $(FUZZ_SECONDS)

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	for c in $(CMDS); do \
		$(INSTALL) -m 755 $(O)/bin/$$c $(DESTDIR)$(BINDIR)/$$c; \
		$(INSTALL) -m 644 completions/bash/$$c $(DESTDIR)$(BASHCOMPDIR)/$$c; \
		$(INSTALL) -m 644 completions/zsh/_$$c $(DESTDIR)$(ZSHCOMPDIR)/_$$c; \
		$(INSTALL) -m 644 completions/fish/$$c.fish $(DESTDIR)$(FISHCOMPDIR)/$$c.fish; \
	done
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 644 man/fbloop.7 $(DESTDIR)$(MANDIR)/man7/fbloop.7

uninstall:
	for c in $(CMDS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$c \
		      $(DESTDIR)$(BASHCOMPDIR)/$$c $(DESTDIR)$(ZSHCOMPDIR)/_$$c \
		      $(DESTDIR)$(FISHCOMPDIR)/$$c.fish; \
	done
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) $(DESTDIR)$(MANDIR)/man7/fbloop.7

format-check:
	clang-format --dry-run --Werror cmd/*.c $(wildcard cmd/*/*.c cmd/*/*.h) lib/*.c lib/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/stats/*.c

clean:
	rm -rf build build-asan build-tsan build-fuzz bin
