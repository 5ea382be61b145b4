# syntax=docker/dockerfile:1
# The service's image: one image for the API instances and the projection worker (a different command).
# Built and run nowhere yet — no Docker engine runs where this was written; see infra/README.md for what was
# executed (the same build and start commands, outside a container) and what was not.
#
#   docker build -t sagsforloeb:local .
#   docker run --rm -p 3000:3000 sagsforloeb:local            # embedded defaults only; see infra/ for production

ARG NODE_IMAGE=node:20-bookworm-slim

# better-sqlite3 compiles from source (README, Quick start) with python3, make and g++, against the headers the
# Node image ships (npm_config_nodedir), so nothing is downloaded but the npm packages themselves.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV npm_config_build_from_source=true \
    npm_config_nodedir=/usr/local \
    npm_config_fund=false \
    npm_config_audit=false \
    SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./

# The build: every app compiled to dist/ by `npm run build` (tsconfig.build.json).
FROM toolchain AS build
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# What runs: the production dependencies only, compiled here so the runtime image carries no compiler.
FROM toolchain AS production-dependencies
RUN npm ci --omit=dev

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY infra/docker-entrypoint.sh /usr/local/bin/sagsforloeb-entrypoint
# ./data holds only what an instance keeps locally (SQLite read models and keyring on embedded defaults);
# with READ_MODEL_DATABASE_URL set nothing there matters across restarts.
RUN mkdir -p /app/data && chown node:node /app/data
# The image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# Ready = event store and read database answer and the projections are caught up (apps/api/src/health).
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["sagsforloeb-entrypoint"]
# npm run start:prod, without npm in between (npm would stand between the process and SIGTERM).
CMD ["node", "--enable-source-maps", "-r", "./dist/apps/register-paths.js", "./dist/apps/api/src/main.js"]
