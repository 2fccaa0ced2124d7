# syntax=docker/dockerfile:1
FROM python:3.12-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
# --no-default-groups: neither the dev tools nor the embedded PostgreSQL (`embedded`, 73 MB).
RUN uv sync --frozen --no-default-groups --no-install-project
COPY alembic.ini ./
COPY migrations ./migrations
COPY app ./app
RUN uv sync --frozen --no-default-groups

FROM python:3.12-slim
RUN groupadd --system --gid 10001 aftercare \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app aftercare
WORKDIR /app
COPY --from=build --chown=root:root /app /app
ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    AFTERCARE_ENVIRONMENT=production \
    AFTERCARE_HOST=0.0.0.0
# Numeric, so that Kubernetes' runAsNonRoot can verify it is not root.
USER 10001:10001
EXPOSE 8000
# No HEALTHCHECK: the same image runs `serve` or `worker`, each with a check of its own, set where
# the command is chosen (compose.yaml; Kubernetes ignores HEALTHCHECK and uses its probes):
#   serve:  aftercare healthcheck api        (GET /readyz on AFTERCARE_PORT)
#   worker: aftercare worker --heartbeat-file /tmp/aftercare-worker.heartbeat, checked by
#           aftercare healthcheck worker --heartbeat-file /tmp/aftercare-worker.heartbeat
# Migrations are a separate step: `docker run --rm IMAGE migrate` before rolling out.
ENTRYPOINT ["aftercare"]
CMD ["serve"]
