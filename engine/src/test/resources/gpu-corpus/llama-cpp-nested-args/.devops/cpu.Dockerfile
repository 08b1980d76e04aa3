ARG UBUNTU_VERSION=22.04
FROM ubuntu:$UBUNTU_VERSION AS build
RUN make
FROM ubuntu:$UBUNTU_VERSION AS base
COPY --from=build /app/lib /app
FROM base AS server
ENTRYPOINT ["/app/llama-server"]
