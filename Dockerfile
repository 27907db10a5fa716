# RuhrBridge web, worker and beat image (one image, three commands; see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 ruhrbridge

WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .
# Build-time only values: the real ones come from the environment at run time.
RUN python manage.py compilemessages --ignore=.venv -v0 \
 && DJANGO_DEBUG=0 SECRET_KEY=build-time-only-not-used-at-run-time-0123456789abcdefghij \
    ALLOWED_HOSTS=build.invalid python manage.py collectstatic --noinput -v0 \
 && mkdir -p /app/media /app/match-runs \
 && chown -R ruhrbridge:ruhrbridge /app/media /app/match-runs /app/staticfiles

USER ruhrbridge
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
