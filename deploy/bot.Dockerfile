# The WeChat bot (wechaty). One container per WeChat account (BOT_ACCOUNT); it talks only to the api.
# Build from the repo root: docker build -f deploy/bot.Dockerfile -t techbridge-bot .
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY api/package.json api/
COPY bot/package.json bot/
COPY miniprogram/package.json miniprogram/
RUN npm ci --no-audit --no-fund -w @techbridge/shared -w @techbridge/bot --include-workspace-root
COPY tsconfig.base.json ./
COPY shared shared
COPY bot bot
USER node
CMD ["node", "--conditions=source", "--import", "tsx", "bot/src/main.ts"]
