# Production image. Node 22 LTS: the supported production runtime (see README "Runtimes").
# The server's build needs only production dependencies (TypeScript is one); the web console is
# built by Vite, a development dependency of the web/ workspace, so the build stage installs
# everything, builds both, and then drops what only building needed.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build -w web && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# the console: static files the server serves under /console
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
USER node
EXPOSE 3000 9464
# compiled JavaScript run by node; the operator scripts alike: node dist/scripts/keys.js, dist/scripts/audit.js, dist/scripts/migrate.js
CMD ["node", "dist/src/main.js"]
