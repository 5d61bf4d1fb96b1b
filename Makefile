# Convenience targets; each calls the script that does the work (and installs what it needs).
.PHONY: run test dist dist-windows dist-linux smoke
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
dist:
	bash scripts/dist.sh all
dist-windows:
	bash scripts/dist.sh windows
dist-linux:
	bash scripts/dist.sh linux
smoke:
	bash scripts/smoke-gui.sh
