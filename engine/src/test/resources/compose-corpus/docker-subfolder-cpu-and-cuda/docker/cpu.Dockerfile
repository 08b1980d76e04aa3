FROM python:3.11-slim AS base
RUN pip --version
FROM base AS runtime
COPY . /app
