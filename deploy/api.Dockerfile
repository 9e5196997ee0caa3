# The api (Koa + mongoose). Runs the TypeScript sources through tsx, as everywhere else in this repo.
# Build from the repo root: docker build -f deploy/api.Dockerfile -t techbridge-api .
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY api/package.json api/
COPY bot/package.json bot/
COPY miniprogram/package.json miniprogram/
# Only the api's workspaces (and the root, for tsx); install scripts stay off as in development.
RUN npm ci --no-audit --no-fund -w @techbridge/shared -w @techbridge/api --include-workspace-root
COPY tsconfig.base.json ./
COPY shared shared
COPY api api
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# H5 is served by nginx in this setup, so the api does not serve it.
ENV H5_DIR=""
CMD ["node", "--conditions=source", "--import", "tsx", "api/src/server.ts"]
