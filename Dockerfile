# The web image: gunicorn serving svsupport, static files collected at build time.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 SVSUPPORT_READ_DOTENV=false
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
        libldap-2.5-0 libsasl2-2 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app svsupport

COPY pyproject.toml README.md ./
COPY svsupport ./svsupport
COPY accounts ./accounts
COPY peers ./peers
COPY support_requests ./support_requests
COPY resources ./resources
# The `ldap` extra (LDAP / Active Directory sign-in): python-ldap has no wheels, so it is
# built here against libldap-dev and libsasl2-dev, which leave the image afterwards.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev libldap-dev libsasl2-dev \
    && pip install --no-cache-dir ".[ldap]" \
    && apt-get purge -y --auto-remove gcc libc6-dev libldap-dev libsasl2-dev \
    && rm -rf /var/lib/apt/lists/*

COPY . .
RUN DEBUG=true python manage.py compilemessages -v0 \
    && DEBUG=false SECRET_KEY=build-only FIELD_ENCRYPTION_SALTS=build-only python manage.py collectstatic --noinput -v0

USER svsupport
EXPOSE 8000
CMD ["gunicorn", "svsupport.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
