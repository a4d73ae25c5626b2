# linkcentre: gunicorn serving linkcentre.wsgi, static files by whitenoise.
# Build:  docker build -t linkcentre .
# Run:    docker run -p 8000:8000 -e SECRET_KEY=... -e ALLOWED_HOSTS=link.example.no \
#           -e DATABASE_URL=postgres://linkcentre:...@db:5432/linkcentre linkcentre
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000

WORKDIR /app

# Dependencies first, from pyproject.toml, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; d = tomllib.load(open('pyproject.toml', 'rb')); print('\n'.join(d['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .
RUN pip install --no-deps . \
    && DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --create-home --uid 10001 linkcentre \
    && chown -R linkcentre /app

USER linkcentre

EXPOSE 8000
# The check sends the first allowed host name; /healthz is exempt from the HTTPS redirect.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request as u; host = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0]; u.urlopen(u.Request('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), headers={'Host': host}), timeout=4)" || exit 1

# Migrations run on start (safe to repeat); set RUN_MIGRATIONS=0 to run them as a separate step.
CMD ["sh", "-c", "if [ \"${RUN_MIGRATIONS:-1}\" = 1 ]; then python manage.py migrate --noinput; fi && exec gunicorn linkcentre.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
