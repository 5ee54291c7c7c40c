# syntax=docker/dockerfile:1
#
# One image per app:
#   docker build --build-arg APP=gateway -t tradematch-gateway .
# APP is one of gateway, jobs-leads, messaging, escrow, notifications.
# docker-compose.yml builds all five.

FROM node:24 AS builder
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
RUN npm run build

FROM node:24-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
# package.json is needed at run time too: its "imports" map #contracts and
# #platform to dist/libs.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=builder /app/dist/libs ./dist/libs

# Everything above is the same for all five apps, so their builds share it;
# APP is declared only here because changing an ARG invalidates every later
# RUN. Copying the app's own directory also fails the build on a missing or
# mistyped APP.
ARG APP
COPY --from=builder /app/dist/apps/${APP}/src ./dist/apps/${APP}/src
ENV APP=${APP}

USER node

# The gateway serves HTTP on PORT, the other apps on HEALTH_PORT; the defaults
# repeat DEFAULT_HTTP_PORTS in libs/platform/src/config/platform-config.ts.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const env = process.env; \
const defaults = { gateway: 3000, 'jobs-leads': 3001, messaging: 3002, escrow: 3003, notifications: 3004 }; \
const port = (env.APP === 'gateway' ? env.PORT : env.HEALTH_PORT) || defaults[env.APP]; \
fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(4000) }) \
  .then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1));"]

# exec, so that node is PID 1 and receives docker's SIGTERM itself.
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
