# The production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts/vendor-assets scripts/plotly-css.js scripts/
# the served assets only: not the development dependencies (axe-core, the Nu HTML Checker) that the tests use
RUN npm_config_omit=dev scripts/vendor-assets

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* && useradd --create-home app
WORKDIR /app
COPY . .
COPY --from=assets /src/static/vendor static/vendor
RUN pip install --no-cache-dir .
# Build steps read config.settings.build: no run-time settings (secret, database, broker) exist yet.
RUN DJANGO_SETTINGS_MODULE=config.settings.build python manage.py compiletranslations \
 && DJANGO_SETTINGS_MODULE=config.settings.build python manage.py collectstatic --no-input
RUN mkdir -p var/media && chown -R app var
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
