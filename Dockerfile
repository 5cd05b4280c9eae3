# SoliTERR bot — container image.
#
#   docker build -t soliterr-bot .
#   docker run -d --name soliterr --env-file .env -v soliterr-data:/data soliterr-bot
#
# Two stages: the build stage compiles better-sqlite3 from source (with python3, make and g++,
# which the running image does not carry) and the bot into dist/ (npm run build); the runtime stage is the slim Node image with the
# production dependencies, run by the unprivileged `node` user, the data in the /data volume.
# See deploy/compose.yaml for a complete example, and the README's "Operations" section.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Compiled here, against this image's Node, rather than a prebuilt binary fetched from GitHub.
# Every dependency at first: the TypeScript compiler builds dist/, then goes.
RUN npm_config_build_from_source=true npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_PATH=/data/soliterr.db \
    MATRIX_CRYPTO_STORE=/data/matrix-crypto \
    HEALTH_PORT=8080 \
    HEALTH_HOST=127.0.0.1
WORKDIR /app
# The code belongs to root and is read-only for the bot; only /data is writable.
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# 8443: Telegram webhook mode (TELEGRAM_WEBHOOK_PORT), when it is used.
EXPOSE 8443
# Keep HEALTH_PORT set (any port), or remove this check: it asks the bot's health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is process 1 (not npm), so that SIGTERM reaches the bot's graceful stop.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/bot/main.js"]
