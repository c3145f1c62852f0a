# nlpipe: build, test, demo, install. `make demo` and `make test` are the two commands of README.md.
PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
PROGRAMS = tokenize vocab bleu embed-train embed-query debias lm-train sample
SWIFT_BUILD_FLAGS ?=

.PHONY: build test demo install uninstall docs bench clean

build:
	swift build -c release $(SWIFT_BUILD_FLAGS)

# The whole test suite, optimised: the parity tests read real WMT data and corpora.
test:
	swift test -c release $(SWIFT_BUILD_FLAGS)

# The main job on the built-in default: a synthetic corpus through every program.
demo: build
	scripts/demo.sh

docs:
	scripts/generate-docs.sh

bench: build
	bench/run-all.sh

install: build
	install -d $(BINDIR) $(MANDIR) \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	for p in $(PROGRAMS); do install -m 755 "$$(swift build -c release --show-bin-path)/$$p" $(BINDIR)/; done
	install -m 644 man/*.1 $(MANDIR)/
	for p in $(PROGRAMS); do \
	  install -m 644 completions/bash/$$p $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$p; \
	  install -m 644 completions/zsh/_$$p $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$$p; \
	  install -m 644 completions/fish/$$p.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$p.fish; \
	done

uninstall:
	for p in $(PROGRAMS); do rm -f $(BINDIR)/$$p $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$p \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$$p $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$p.fish; done
	cd man && for f in *.1; do rm -f $(MANDIR)/$$f; done

clean:
	rm -rf .build demo-out
