# The image runs the bundle `npm start` runs: scripts/build.ts (esbuild, a runtime dependency, as tsx is)
# bundles src/ into dist/ inside the image, so the image runs the very sources the tests ran. Two stages:
# `deps` installs the production dependencies (npm's cache and the dev tools stay behind), `runtime` adds
# the sources and builds.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
# the image listens on every interface: no sandbox CRM is served unless the operator opts in (SANDBOX=on)
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data \
    SANDBOX=off
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY fixtures ./fixtures
COPY scripts/build.ts ./scripts/build.ts
RUN node --import tsx scripts/build.ts
# DATA_DIR holds the embedded database (without DATABASE_URL) and the generated secret.key: private to the
# `node` user (0700, as the server also makes it at start, db/private-node-fs.ts); a new named volume copies this
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) lets requests in flight and the sync worker's round finish, then exits 0
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
