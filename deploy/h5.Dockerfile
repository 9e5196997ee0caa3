# The mini-program's H5 site, built with the production mode (api on the same origin, see
# miniprogram/.env.production) and served by nginx, which also proxies /api/ to the api containers.
# Build from the repo root: docker build -f deploy/h5.Dockerfile -t techbridge-h5 .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY api/package.json api/
COPY bot/package.json bot/
COPY miniprogram/package.json miniprogram/
RUN npm ci --no-audit --no-fund -w @techbridge/shared -w @techbridge/miniprogram --include-workspace-root
COPY tsconfig.base.json ./
COPY shared shared
COPY miniprogram miniprogram
RUN cd miniprogram && npx taro build --type h5 --mode production

FROM nginx:1.27-alpine
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/miniprogram/dist/h5 /usr/share/nginx/html/h5
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD wget -qO- http://127.0.0.1/nginx-health || exit 1
