# The two commands of the README, and the container proof.
.PHONY: run test image-test lock

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

# Builds the base images from Debian packages, the app image, and runs docker-compose.yml
# with podman under production settings (README "Operations").
image-test:
	bash scripts/image_test.sh

# Re-resolves requirements/*.txt from pyproject.toml (README "Locked dependencies").
lock:
	bash scripts/lock.sh
