# The two commands of the README, and the container proof.
.PHONY: run test bench image-test lock

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

# Network scale (10,000 peers, 100,000 requests): the goals of README "Performance", one table.
bench:
	bash scripts/bench.sh

# Builds the base images from Debian packages, the app image, and runs docker-compose.yml
# with podman under production settings (README "Operations").
image-test:
	bash scripts/image_test.sh

# Re-resolves requirements/*.txt from pyproject.toml (README "Locked dependencies").
lock:
	bash scripts/lock.sh
