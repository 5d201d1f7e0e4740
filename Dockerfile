# The web image: gunicorn serving svsupport, static files collected at build time.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 SVSUPPORT_READ_DOTENV=false
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app svsupport

COPY pyproject.toml README.md ./
COPY svsupport ./svsupport
COPY peers ./peers
COPY support_requests ./support_requests
COPY resources ./resources
RUN pip install --no-cache-dir .

COPY . .
RUN DEBUG=true python manage.py compilemessages -v0 \
    && DEBUG=false SECRET_KEY=build-only FIELD_ENCRYPTION_SALTS=build-only python manage.py collectstatic --noinput -v0

USER svsupport
EXPOSE 8000
CMD ["gunicorn", "svsupport.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
