# The web image: gunicorn serving svsupport, static files collected at build time.
# Two stages: `build` installs the locked dependencies (hash-checked) into /opt/venv; the
# runtime stage copies that venv and the application's source only, and runs as a non-root
# user. The base is pinned by version; see README "Operations" for how to move it.
ARG PYTHON_IMAGE=docker.io/library/python:3.11.14-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
# requirements/image.txt: the runtime lock plus the `ldap` extra (LDAP / Active Directory
# sign-in). python-ldap has no wheels: it is built here, and only its shared libraries go on.
# The official python images carry Python.h; Debian's python3 (the image test's stand-in)
# needs python3-dev for it.
COPY requirements/image.txt /tmp/image.txt
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev libldap-dev libsasl2-dev \
    && { python3 -c "import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" \
        || apt-get install -y --no-install-recommends python3-dev; } \
    && python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/image.txt

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="svsupport" org.opencontainers.image.licenses="EUPL-1.2"
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 SVSUPPORT_READ_DOTENV=false \
    PATH=/opt/venv/bin:$PATH STATIC_ROOT=/app/staticfiles
RUN apt-get update \
    && apt-get install -y --no-install-recommends libldap-2.5-0 libsasl2-2 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --no-create-home --home-dir /app --shell /usr/sbin/nologin svsupport
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# Only what the app runs from; .dockerignore keeps secrets, data, venvs and VCS out anyway.
COPY manage.py gunicorn.conf.py ./
COPY svsupport ./svsupport
COPY accounts ./accounts
COPY peers ./peers
COPY support_requests ./support_requests
COPY resources ./resources
COPY figures ./figures
COPY organisation ./organisation
COPY evaluation ./evaluation
COPY operations ./operations
COPY templates ./templates
COPY static ./static
COPY locale ./locale
COPY deploy ./deploy
RUN DEBUG=false SECRET_KEY=build-only FIELD_ENCRYPTION_SALTS=build-only \
    python manage.py collectstatic --noinput -v0

USER svsupport
EXPOSE 8000
# Talks to gunicorn on loopback with an allowed host name and, under HTTPS=true, the
# proxy's X-Forwarded-Proto: the production host and HTTPS rules accept it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "manage.py", "healthcheck", "--http", "127.0.0.1:8000"]
CMD ["gunicorn", "svsupport.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
