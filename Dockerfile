# One image for all five apps; APP selects which one runs (storefront, wholesale, kitchen, operations, worker, all).
FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.web.json .swcrc ./
COPY apps apps
COPY libs libs
COPY test test
# `npm run build` builds the servers (swc) and the web UIs (Vite) into dist; the UIs need no node_modules at run time.
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# A 64 MiB young generation: a request's garbage dies young, and the default 16 MiB semi-space made the
# storefront scavenge every ~40 ms in a flash sale (the larger one took its CPU per attempt from 0.33 to
# 0.23 ms; see BENCHMARKS.md).
ENV NODE_ENV=production DATA_DIR=/data APP=all NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3001 3002 3003 3004 3005
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
