# plate-permits container image.
#   docker build -t plate-permits .
#   docker run -p 8080:8080 -v plate-permits-data:/data plate-permits
# With no DATABASE_URL the service uses SQLite in /data; set DATABASE_URL=postgres://… for
# PostgreSQL (see docker-compose.yml).

# --- Build -------------------------------------------------------------------------------------
FROM rust:1-bookworm AS builder

# pq-sys builds libpq from source (feature "bundled") and links OpenSSL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends pkg-config libssl-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# Dependencies first, against a dummy crate, so that this layer stays cached while only the
# application's own code changes.
COPY Cargo.toml Cargo.lock ./
RUN mkdir src \
    && echo 'fn main() {}' > src/main.rs \
    && touch src/lib.rs \
    && cargo build --release --locked \
    && rm -rf src

# The application. Migrations are embedded into the binary at compile time.
COPY src ./src
COPY migrations ./migrations
# COPY keeps the context's modification times, which may be older than the dummy build's.
RUN touch src/main.rs src/lib.rs \
    && cargo build --release --locked \
    && cp target/release/plate-permits /usr/local/bin/plate-permits

# --- Run ---------------------------------------------------------------------------------------
FROM debian:bookworm-slim

# libssl3: the binary links OpenSSL dynamically; curl: the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /data --no-create-home \
       --shell /usr/sbin/nologin app \
    && mkdir -p /data \
    && chown app:app /data

COPY --from=builder /usr/local/bin/plate-permits /usr/local/bin/plate-permits

ENV DATA_DIR=/data \
    LISTEN_ADDR=0.0.0.0:8080 \
    LOG_FORMAT=json

USER app
WORKDIR /data
# SQLite database, generated JWT secret (when JWT_SECRET is unset) and uploaded documents.
VOLUME ["/data"]
EXPOSE 8080

# Ready = database reachable and every migration applied (503 otherwise). Assumes the default
# LISTEN_ADDR port 8080.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS http://localhost:8080/health/ready || exit 1

# SIGTERM (docker stop) shuts down gracefully: in-flight requests get up to 30 s.
ENTRYPOINT ["/usr/local/bin/plate-permits"]
CMD ["serve"]
