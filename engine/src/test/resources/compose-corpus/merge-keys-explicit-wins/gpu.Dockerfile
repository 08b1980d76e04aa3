ARG CUDA_IMAGE=nvidia/cuda:12.4.1-runtime-ubuntu22.04
FROM ${CUDA_IMAGE} AS base
RUN true
FROM base AS runtime
COPY . /app
